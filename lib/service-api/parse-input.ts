/**
 * Bodies and query strings of the AuthOS-compatible families. AuthOS answers malformed input
 * with axum's plain-text rejections (400/415/422); here every one is a 400 BAD_REQUEST in the
 * AuthOS error body, naming the field. Unknown body fields are ignored, as serde does.
 */
import type { z } from "zod";
import { describeIssues, readText } from "@/lib/api/read-json";
import { badRequest } from "@/lib/orgs/org-error";

export async function readServiceJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  return parseServiceJsonText(await readText(req), schema);
}

/** A body already read as text (the Node fast path reads it off the socket). */
export function parseServiceJsonText<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  if (!text.trim()) throw badRequest("Request body is empty: send a JSON object");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw badRequest("Request body is not valid JSON");
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw badRequest(`Invalid request: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

function integerParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^-?\d{1,18}$/.test(raw)) throw badRequest(`${name}: expected an integer, got "${raw.slice(0, 40)}"`);
  return Number(raw);
}

/** `limit` default 50, clamped to 1..100; `offset` default 0, negatives become 0 (AuthOS's pagination). */
export function parsePage(req: Request): { limit: number; offset: number } {
  const url = new URL(req.url);
  const limit = integerParam(url, "limit") ?? DEFAULT_LIMIT;
  const offset = integerParam(url, "offset") ?? 0;
  return { limit: Math.min(MAX_LIMIT, Math.max(1, limit)), offset: Math.max(0, offset) };
}

export function optionalQuery(req: Request, name: string): string | undefined {
  const v = new URL(req.url).searchParams.get(name);
  return v === null ? undefined : v;
}
