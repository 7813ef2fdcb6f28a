import type { z } from "zod";
import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 64 * 1024;

/** The body of a Web `Request` as text, refused past MAX_BODY_BYTES. */
export async function readText(req: Request): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away mid-body (e.g. a closed connection): nothing to answer, nothing to log.
      throw new ApiError("INVALID_REQUEST", "The request body could not be read (the connection closed before it ended).");
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function tooLarge(): ApiError {
  return new ApiError("INVALID_REQUEST", `Request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
}

/** Turn zod issues into one sentence that names the field. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((i) => {
      const where = i.path.length ? i.path.map(String).join(".") : "body";
      if (i.code === "invalid_type") {
        const received = /received (\w+)/.exec(i.message)?.[1];
        return received === "undefined" ? `${where}: is required` : `${where}: expected ${i.expected}${received ? `, got ${received}` : ""}`;
      }
      if (i.code === "unrecognized_keys") return `${where}: unknown field(s) ${i.keys.map((k) => JSON.stringify(k)).join(", ")}`;
      return `${where}: ${i.message}`;
    })
    .join("; ");
}

/** Parse and validate a JSON body already read as text. Every failure is INVALID_REQUEST naming the problem. */
export function parseJsonText<S extends z.ZodType>(text: string, schema: S, example: string): z.infer<S> {
  if (!text.trim()) throw new ApiError("INVALID_REQUEST", `Request body is empty. Send JSON, e.g. ${example}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError("INVALID_REQUEST", `Request body is not valid JSON. Send e.g. ${example}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError("INVALID_REQUEST", `Invalid request: ${describeIssues(parsed.error.issues)}. Example: ${example}`);
  return parsed.data;
}

/** Read, size-check, parse and validate a JSON body. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, example: string): Promise<z.infer<S>> {
  return parseJsonText(await readText(req), schema, example);
}
