import { apiUrl } from "./api-url";
import type { NextCall } from "./types";

/** The agent's own key, as the skill document names it. */
export const akhrotKeyVar = "AKHROT_API_KEY";

/** Escapes text for use inside a double-quoted shell string. */
export function shellDoubleQuote(s: string): string {
  return s.replace(/[\\"$`]/g, "\\$&");
}

/** Single-quoted shell string (for JSON bodies). */
export function shellSingleQuote(s: string): string {
  return `'${s.replaceAll("'", "'\\''")}'`;
}

/** A call to this Akhrot instance, with the URL on the first line so every curl line carries one. */
export function akhrotCurl(baseUrl: string, method: "GET" | "POST", path: string, body?: Record<string, unknown>): string {
  const url = `"${shellDoubleQuote(apiUrl(baseUrl, path))}"`;
  const auth = `-H "Authorization: Bearer $${akhrotKeyVar}"`;
  if (method === "GET") return `curl -s ${auth} ${url}`;
  const lines = [`curl -s -X POST ${url}`, auth];
  if (body !== undefined) lines.push(`-H "Content-Type: application/json"`, `-d ${shellSingleQuote(JSON.stringify(body))}`);
  return lines.join(" \\\n  ");
}

export function nextCall(baseUrl: string, method: NextCall["method"], path: string, body?: Record<string, unknown>): NextCall {
  return body === undefined ? { method, url: apiUrl(baseUrl, path) } : { method, url: apiUrl(baseUrl, path), body };
}
