import { redactSecrets } from "./redact";

/**
 * Redact one serialized JSON log line. `redact` works on raw text; inside JSON a newline is
 * the two characters `\n`, so drizzle's "params:" tail is cut at the closing quote instead
 * of the end of the line.
 */
export function redactLine(line: string): string {
  return redactSecrets(line.replace(/(params:)(?:[^"\\]|\\.)*/g, "$1 [redacted]"));
}
