/**
 * Inline markdown for the dashboard's docs pages: the subset lib/context emits (code
 * spans, **bold**, [links](url), <autolinks>, bare https URLs, backslash escapes and the
 * entities `inlineText` writes). Output is plain data; nothing here produces HTML, so text
 * from providers (account labels) can only ever become text.
 */

export type Inline =
  | { type: "text"; value: string }
  | { type: "code"; value: string }
  | { type: "strong"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] }
  | { type: "break" };

const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: "\u00a0" };
const ENTITY = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/;
const BARE_URL = /^https?:\/\/[^\s<>]+/i;
const AUTOLINK = /^<(https?:\/\/[^\s<>]+)>/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The href a link may carry: absolute http(s), or relative (`/path`, `#id`, `./x`, `x?y`).
 * Anything with another scheme (javascript:, data:, vbscript:...), a protocol-relative
 * `//host`, whitespace or control characters (browsers strip those from `java\tscript:`),
 * or a backslash is refused.
 */
export function safeHref(raw: string): string | undefined {
  if (raw === "" || /[\u0000-\u0020\u007f-\u009f\\]/.test(raw)) return undefined;
  if (/^https?:\/\//i.test(raw)) return URL.canParse(raw) ? raw : undefined;
  if (SCHEME.test(raw) || raw.startsWith("//")) return undefined;
  return raw;
}

function decodeEntity(match: RegExpExecArray): string | undefined {
  const [, dec, hex, name] = match;
  if (name !== undefined) return NAMED_ENTITIES[name];
  const code = Number.parseInt(dec ?? hex ?? "", dec !== undefined ? 10 : 16);
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
}

/** Index just past the code span opening at `i` (a run of backticks), or undefined if unclosed. */
function codeSpanEnd(src: string, i: number): { end: number; value: string } | undefined {
  let run = 0;
  while (src[i + run] === "`") run++;
  let j = i + run;
  while (j < src.length) {
    const next = src.indexOf("`", j);
    if (next === -1) return undefined;
    let close = 0;
    while (src[next + close] === "`") close++;
    if (close === run) {
      let value = src.slice(i + run, next).replace(/\r?\n/g, " ");
      if (value.length > 1 && value.startsWith(" ") && value.endsWith(" ") && value.trim() !== "") value = value.slice(1, -1);
      return { end: next + close, value };
    }
    j = next + close;
  }
  return undefined;
}

/** Position of `token` at or after `from`, skipping escapes and code spans; -1 if none. */
function findUnescaped(src: string, from: number, token: string): number {
  let i = from;
  while (i < src.length) {
    if (src[i] === "\\") i += 2;
    else if (src[i] === "`") i = codeSpanEnd(src, i)?.end ?? i + 1;
    else if (src.startsWith(token, i)) return i;
    else i++;
  }
  return -1;
}

/** The `]` closing the bracket opened at `open`, honouring nesting; -1 if none. */
function closingBracket(src: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < src.length) {
    const c = src[i];
    if (c === "\\") i += 2;
    else if (c === "`") i = codeSpanEnd(src, i)?.end ?? i + 1;
    else {
      if (c === "[") depth++;
      if (c === "]" && --depth === 0) return i;
      i++;
    }
  }
  return -1;
}

/** `(destination "optional title")` starting at `open`; the destination may hold balanced parens. */
function linkDestination(src: string, open: number): { href: string; end: number } | undefined {
  if (src[open] !== "(") return undefined;
  let i = open + 1;
  while (src[i] === " ") i++;
  let href = "";
  if (src[i] === "<") {
    const close = src.indexOf(">", i);
    if (close === -1) return undefined;
    href = src.slice(i + 1, close);
    i = close + 1;
  } else {
    let depth = 0;
    const start = i;
    while (i < src.length && !/\s/.test(src[i] ?? "")) {
      if (src[i] === "\\") i++;
      else if (src[i] === "(") depth++;
      else if (src[i] === ")" && depth-- === 0) break;
      i++;
    }
    href = src.slice(start, i);
  }
  while (src[i] === " ") i++;
  const quote = src[i];
  if (quote === '"' || quote === "'") {
    const close = src.indexOf(quote, i + 1);
    if (close === -1) return undefined;
    i = close + 1;
    while (src[i] === " ") i++;
  }
  if (src[i] !== ")") return undefined;
  return { href: href.replace(/\\([!-/:-@[-`{-~])/g, "$1"), end: i + 1 };
}

/** A bare URL ends before trailing punctuation and an unbalanced ")" (GFM autolink literal rules). */
function trimBareUrl(url: string): string {
  let out = url.replace(/[.,:;!?"'*_~]+$/, "");
  while (out.endsWith(")") && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0)) {
    out = out.slice(0, -1).replace(/[.,:;!?"'*_~]+$/, "");
  }
  return out;
}

export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  let text = "";
  const flush = () => {
    if (text !== "") out.push({ type: "text", value: text });
    text = "";
  };
  const push = (node: Inline) => {
    flush();
    out.push(node);
  };

  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? "";
    const rest = src.slice(i);

    if (c === "\\") {
      const next = src[i + 1] ?? "";
      if (next === "\n") {
        push({ type: "break" });
        i += 2;
      } else if (ASCII_PUNCTUATION.test(next)) {
        text += next;
        i += 2;
      } else {
        text += c;
        i++;
      }
      continue;
    }
    if (c === "\n") {
      // Two trailing spaces make a hard break; a plain newline is a soft break (a space).
      if (text.endsWith("  ")) {
        text = text.trimEnd();
        push({ type: "break" });
      } else {
        text = `${text.trimEnd()}\n`;
      }
      i++;
      while (src[i] === " ") i++;
      continue;
    }
    if (c === "`") {
      const span = codeSpanEnd(src, i);
      if (span) {
        push({ type: "code", value: span.value });
        i = span.end;
      } else {
        let run = 0;
        while (src[i + run] === "`") run++;
        text += "`".repeat(run);
        i += run;
      }
      continue;
    }
    if (c === "&") {
      const m = ENTITY.exec(rest);
      const decoded = m ? decodeEntity(m) : undefined;
      if (m && decoded !== undefined) {
        text += decoded;
        i += m[0].length;
        continue;
      }
    }
    if (rest.startsWith("**")) {
      const close = findUnescaped(src, i + 2, "**");
      const inner = close === -1 ? "" : src.slice(i + 2, close);
      if (inner.trim() !== "" && inner === inner.trim()) {
        push({ type: "strong", children: parseInline(inner) });
        i = close + 2;
        continue;
      }
      text += "**";
      i += 2;
      continue;
    }
    if (c === "[") {
      const close = closingBracket(src, i);
      const dest = close === -1 ? undefined : linkDestination(src, close + 1);
      if (dest) {
        const children = parseInline(src.slice(i + 1, close));
        const href = safeHref(dest.href);
        if (href === undefined) {
          // Not a link: keep only its text.
          flush();
          out.push(...children);
        } else {
          push({ type: "link", href, children });
        }
        i = dest.end;
        continue;
      }
    }
    if (c === "<") {
      const m = AUTOLINK.exec(rest);
      const href = m?.[1] === undefined ? undefined : safeHref(m[1]);
      if (m && href !== undefined) {
        push({ type: "link", href, children: [{ type: "text", value: href }] });
        i += m[0].length;
        continue;
      }
    }
    if ((c === "h" || c === "H") && (i === 0 || /[\s(*_~]/.test(src[i - 1] ?? ""))) {
      const m = BARE_URL.exec(rest);
      const url = m ? trimBareUrl(m[0]) : "";
      const href = url === "" ? undefined : safeHref(url);
      if (href !== undefined) {
        push({ type: "link", href, children: [{ type: "text", value: url }] });
        i += url.length;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}
