import { log } from "./logger";
import { redact, stripControl } from "./redact";

type ErrorFields = { name: string; message: string; code?: string; cause?: { name: string; code?: string } };

function codeOf(err: object): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" || typeof code === "number" ? stripControl(String(code)).slice(0, 64) : undefined;
}

/** What of an error may be logged: its name, code and redacted message; of its cause, name and code only. */
export function describeError(err: unknown): ErrorFields {
  if (!(err instanceof Error)) return { name: "NonError", message: "a non-error value was thrown" };
  const fields: ErrorFields = { name: err.name, message: stripControl(redact(err.message)).slice(0, 500) };
  const code = codeOf(err);
  if (code) fields.code = code;
  if (err.cause instanceof Error) {
    const causeCode = codeOf(err.cause);
    fields.cause = causeCode ? { name: err.cause.name, code: causeCode } : { name: err.cause.name };
  }
  return fields;
}

/**
 * The one way to log a failure: `where` names the place ("oauth.callback", "cron.refresh"),
 * `fields` add plain context (provider codes, counts; never secrets or raw input).
 */
export function logError(where: string, err: unknown, fields: Record<string, string | number | boolean> = {}, level: "error" | "warn" = "error"): void {
  log()[level]({ where, ...fields, error: describeError(err) }, `${where} failed`);
}
