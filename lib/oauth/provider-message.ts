/**
 * A provider's own explanation of a refusal, fit to show an agent and a human: taken from the
 * usual error fields (`error_description`, `error.message`, `message`, GraphQL `errors[0]`),
 * with control characters removed, any secret the request carried redacted, anything that
 * looks like a bearer token masked, and the length capped. Never the raw body.
 */
import { readPath } from "./fetch-identity";

const MAX_LENGTH = 200;
const FIELDS = ["error_description", "error.message", "message", "Message", "errors.0.message", "detail", "detail.message", "error", "errors.0"];

export function providerMessage(body: unknown, secrets: readonly (string | undefined)[] = []): string | undefined {
  for (const field of FIELDS) {
    const value = readPath(body, field);
    if (typeof value === "string" && value.trim()) return sanitise(value, secrets);
  }
  return undefined;
}

export function sanitise(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(/\p{Cc}+/gu, " ");
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  // Long opaque strings (tokens, keys) are masked even when we did not send them.
  out = out.replace(/[A-Za-z0-9_\-.~+/=]{32,}/g, "[redacted]").replace(/\s+/g, " ").trim();
  return out.length > MAX_LENGTH ? `${out.slice(0, MAX_LENGTH - 1)}…` : out;
}
