import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/** A server-component read that renders the 404 page for NOT_FOUND (unknown and foreign alike). */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}
