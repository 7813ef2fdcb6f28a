/**
 * Text-level redaction: the last line of defence for anything that reaches a log line or an
 * error message. Every line the logger writes passes through `redactLine`, so a secret that
 * slipped into a message string (a provider's error text, a drizzle query error) is masked
 * even when no structured field named it. Keep the patterns cheap: logging is not on the
 * hot path, but it runs on every line.
 */
import { createHash } from "node:crypto";

/** A short, stable stand-in for an identifier that is also a capability (connect-session ids). */
export function hashForLog(id: string): string {
  return `#${createHash("sha256").update(id).digest("hex").slice(0, 12)}`;
}

/** Drop control characters (CR, LF, ESC, …) so a logged value can never forge or colour a line. */
export function stripControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?");
}

/** Strip anything that looks like a credential from a log line or message. */
export function redact(text: string): string {
  // drizzle's DrizzleQueryError message ends "\nparams: <values>": emails, hashes, ciphertexts.
  return redactSecrets(text).replace(/(params:)[\s\S]*$/, "$1 [redacted]");
}

/** The credential patterns alone (no cut at "params:"), for text that continues after it. */
export function redactSecrets(text: string): string {
  return text
    .replace(/akh_[0-9A-Za-z]+/g, "akh_[redacted]")
    .replace(/aks_[0-9A-Za-z]+/g, "aks_[redacted]")
    .replace(/\bcs_[0-9A-Za-z]{8,}/g, (id) => `cs_${hashForLog(id)}`)
    .replace(/(bearer|basic)\s+[^\s"'\\]+/gi, "$1 [redacted]")
    .replace(/(postgres(?:ql)?|redis|rediss):\/\/([^:/\s]+:)?[^@\s/]+@/gi, "$1://[redacted]@")
    .replace(/\b((?:access|refresh|id)_token|client_secret|password|code_verifier|code|api_?key|token|secret)=([^&\s"'\\]+)/gi, "$1=[redacted]")
    .replace(/("(?:(?:access|refresh|id)_?token|client_?secret|password|api_?key|secret|authorization|cookie)"\s*:\s*)"[^"]*"/gi, '$1"[redacted]"')
    .replace(/\bsk-[0-9A-Za-z_-]{8,}/g, "sk-[redacted]");
}
