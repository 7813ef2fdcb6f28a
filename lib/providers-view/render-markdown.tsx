/**
 * Renders the agent markdown (lib/context) as React elements for the dashboard's docs
 * pages, so humans read the same content agents get. Only elements are created, never
 * HTML strings (no dangerouslySetInnerHTML): a provider-supplied label such as
 * `<script>` is text, and links keep only http(s) or relative hrefs (see ./parse-inline.ts).
 */
import { Fragment, type ReactNode } from "react";
import { parseInline, type Inline } from "./parse-inline";
import { parseMarkdown, type Align, type Block } from "./parse-markdown";

export type CodeBlockRenderer = (block: { code: string; lang: string }) => ReactNode;
export type RenderMarkdownOptions = {
  /** Replaces the default `<pre>` (e.g. to add a copy button). */
  renderCodeBlock?: CodeBlockRenderer;
};

const headingClass = {
  1: "text-2xl font-semibold tracking-tight text-zinc-900",
  2: "mt-10 border-b border-zinc-200 pb-2 text-lg font-semibold tracking-tight text-zinc-900",
  3: "mt-8 text-base font-semibold text-zinc-900",
  4: "mt-6 text-sm font-semibold text-zinc-900",
  5: "mt-6 text-sm font-semibold text-zinc-900",
  6: "mt-6 text-sm font-semibold text-zinc-700",
} as const;

const alignClass = { left: "text-left", center: "text-center", right: "text-right" } as const;

function alignOf(align: readonly Align[], column: number): string {
  const a = align[column];
  return a ? alignClass[a] : "text-left";
}

export function renderInline(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return node.value;
      case "code":
        return (
          <code key={i} className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.8125em] text-zinc-800">
            {node.value}
          </code>
        );
      case "strong":
        return (
          <strong key={i} className="font-semibold text-zinc-900">
            {renderInline(node.children)}
          </strong>
        );
      case "link": {
        const external = /^https?:/i.test(node.href);
        return (
          <a
            key={i}
            href={node.href}
            rel={external ? "noopener noreferrer" : undefined}
            className="font-medium text-zinc-900 underline decoration-zinc-300 underline-offset-4 hover:decoration-zinc-900"
          >
            {renderInline(node.children)}
          </a>
        );
      }
      case "break":
        return <br key={i} />;
    }
  });
}

function inline(text: string): ReactNode[] {
  return renderInline(parseInline(text));
}

export function DefaultCodeBlock({ code, lang }: { code: string; lang: string }) {
  return (
    // tabIndex: a code block wider than the page scrolls, and keyboard users must be able to scroll it (axe scrollable-region-focusable).
    <pre tabIndex={0} className="overflow-x-auto rounded-xl border border-zinc-800 bg-zinc-950 p-4 text-[13px] leading-6 text-zinc-100" data-lang={lang || undefined}>
      <code className="font-mono">{code}</code>
    </pre>
  );
}

function renderBlock(block: Block, key: number, options: RenderMarkdownOptions): ReactNode {
  switch (block.type) {
    case "heading": {
      const Tag = `h${block.level}` as const;
      return (
        <Tag key={key} className={headingClass[block.level]}>
          {inline(block.text)}
        </Tag>
      );
    }
    case "paragraph":
      return <p key={key}>{inline(block.text)}</p>;
    case "list": {
      const items = block.items.map((item, i) => (
        <li key={i} className="pl-1">
          {inline(item)}
        </li>
      ));
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start} className="list-decimal space-y-1.5 pl-5 marker:text-zinc-400">
          {items}
        </ol>
      ) : (
        <ul key={key} className="list-disc space-y-1.5 pl-5 marker:text-zinc-400">
          {items}
        </ul>
      );
    }
    case "code":
      return <Fragment key={key}>{(options.renderCodeBlock ?? DefaultCodeBlock)({ code: block.code, lang: block.lang })}</Fragment>;
    case "table":
      return (
        <div key={key} className="overflow-x-auto rounded-lg border border-zinc-200 [overflow-wrap:normal]">
          <table className="min-w-full divide-y divide-zinc-200 text-sm">
            <thead className="bg-zinc-50">
              <tr>
                {block.head.map((cell, c) => (
                  <th key={c} scope="col" className={`px-3 py-2 font-medium text-zinc-900 ${alignOf(block.align, c)}`}>
                    {inline(cell)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c} className={`px-3 py-2 align-top text-zinc-700 ${alignOf(block.align, c)}`}>
                      {inline(cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case "hr":
      return <hr key={key} className="border-zinc-200" />;
  }
}

/** The markdown's blocks as a fragment of styled elements; wrap it in an `<article>`. */
export function renderMarkdown(markdown: string, options: RenderMarkdownOptions = {}): ReactNode {
  return (
    <div className="space-y-4 text-sm leading-7 text-zinc-700 [overflow-wrap:anywhere]">
      {parseMarkdown(markdown).map((block, i) => renderBlock(block, i, options))}
    </div>
  );
}
