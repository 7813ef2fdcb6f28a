/**
 * Block structure of the markdown lib/context emits (ATX headings, paragraphs, bullet and
 * numbered lists, fenced code, GFM pipe tables, thematic breaks). Not a full CommonMark
 * parser: nested lists, block quotes, setext headings and raw HTML are not needed by the
 * builders, and raw HTML in particular stays text. Inline content is kept as source and
 * parsed by ./parse-inline.ts when rendering.
 */

export type Align = "left" | "center" | "right" | null;

export type Block =
  | { type: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; text: string }
  | { type: "paragraph"; text: string }
  | { type: "list"; ordered: boolean; start: number; items: string[] }
  | { type: "code"; lang: string; code: string }
  | { type: "table"; align: Align[]; head: string[]; rows: string[][] }
  | { type: "hr" };

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const HR = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const DELIMITER_CELL = /^\s*:?-+:?\s*$/;

/** Splits a table row on pipes that are not backslash-escaped; `\|` stays for the inline parser. */
export function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith("|")) row = row.slice(1);
  if (row.endsWith("|") && !row.endsWith("\\|")) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = "";
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (c === "\\" && row[i + 1] === "|") {
      cell += "\\|";
      i++;
    } else if (c === "|") {
      cells.push(cell.trim());
      cell = "";
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}

function delimiterRow(line: string | undefined): Align[] | undefined {
  if (line === undefined || !line.includes("-") || !line.includes("|")) return undefined;
  const cells = splitRow(line);
  if (!cells.every((c) => DELIMITER_CELL.test(c))) return undefined;
  return cells.map((c) => {
    const left = c.startsWith(":");
    const right = c.endsWith(":");
    return left && right ? "center" : right ? "right" : left ? "left" : null;
  });
}

function isTableStart(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? "";
  const align = delimiterRow(lines[i + 1]);
  return line.includes("|") && align !== undefined && splitRow(line).length === align.length;
}

/** A line that ends a paragraph or list item and starts another block. */
function startsBlock(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? "";
  return FENCE_OPEN.test(line) || HEADING.test(line) || HR.test(line) || BULLET.test(line) || ORDERED.test(line) || isTableStart(lines, i);
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;

  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line.trim() === "") {
      i++;
      continue;
    }

    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      const marker = fence[1] ?? "```";
      const close = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`);
      const body: string[] = [];
      i++;
      while (i < lines.length && !close.test(lines[i] ?? "")) body.push(lines[i++] ?? "");
      i++; // the closing fence (or past the end when unclosed)
      blocks.push({ type: "code", lang: fence[2] ?? "", code: body.join("\n") });
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      const level = (heading[1]?.length ?? 1) as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ type: "heading", level, text: heading[2] ?? "" });
      i++;
      continue;
    }

    if (HR.test(line)) {
      blocks.push({ type: "hr" });
      i++;
      continue;
    }

    if (isTableStart(lines, i)) {
      const head = splitRow(line);
      const align = delimiterRow(lines[i + 1]) ?? [];
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && (lines[i] ?? "").includes("|") && (lines[i] ?? "").trim() !== "") {
        // GFM: short rows are padded, long rows cut to the header's width.
        const cells = splitRow(lines[i] ?? "");
        rows.push(head.map((_, c) => cells[c] ?? ""));
        i++;
      }
      blocks.push({ type: "table", align, head, rows });
      continue;
    }

    const ordered = ORDERED.exec(line);
    if (ordered || BULLET.test(line)) {
      const pattern = ordered ? ORDERED : BULLET;
      const items: string[] = [];
      while (i < lines.length) {
        const m = pattern.exec(lines[i] ?? "");
        if (!m) break;
        const item = [(ordered ? m[2] : m[1]) ?? ""];
        i++;
        // Continuation lines (indented or lazy) belong to the item until a blank line or a new block.
        while (i < lines.length && (lines[i] ?? "").trim() !== "" && !startsBlock(lines, i)) item.push((lines[i++] ?? "").trim());
        items.push(item.join("\n"));
      }
      blocks.push({ type: "list", ordered: Boolean(ordered), start: ordered ? Number(ordered[1]) : 1, items });
      continue;
    }

    const para = [line.replace(/^\s+/, "")];
    i++;
    while (i < lines.length && (lines[i] ?? "").trim() !== "" && !startsBlock(lines, i)) para.push((lines[i++] ?? "").replace(/^\s+/, ""));
    blocks.push({ type: "paragraph", text: para.join("\n").trimEnd() });
  }
  return blocks;
}
