import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createTRPCContext } from "./context";
import { createCaller } from "./root";

/** The dashboard API called directly from server components (same checks as over HTTP). */
export const serverApi = cache(async () => createCaller(await createTRPCContext({ headers: new Headers(await headers()) })));
