/**
 * Escaping for untrusted text (account labels come from providers) placed in markdown:
 * one line, no raw HTML, no table breaks. JSON output keeps the raw values.
 */
export function inlineText(s: string, maxLength = 120): string {
  const flat = s.replace(/[\s\p{Cc}]+/gu, " ").trim();
  const short = flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
  // Entities, not tags: "<" never reaches the markdown raw. Backslash-escape what could build a
  // link, image, emphasis or code span from a label like "[Verify](https://evil.example)".
  // S15: a bare URL or www. name in a label ("Alice https://evil.example/reauth") must not become a
  // live link in GFM renderers or the dashboard: an escaped ":" or "." breaks the autolink match and
  // still renders as the same character.
  return short
    .replace(/[\\[\]*`]/g, (c) => `\\${c}`)
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("://", "\\://")
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`);
}

export function tableCell(s: string): string {
  return inlineText(s, 300).replaceAll("|", "\\|");
}

/** A code span that survives backticks inside `s`. */
export function codeSpan(s: string): string {
  const longestRun = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(code: string, language = ""): string {
  const longestRun = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  return `${fence}${language}\n${code}\n${fence}`;
}
