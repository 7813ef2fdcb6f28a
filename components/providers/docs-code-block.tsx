import { CopyCodeButton } from "./copy-code-button";

/** How the docs pages show the agent markdown's fenced code: dark, scrollable, copyable. */
export function DocsCodeBlock({ code, lang }: { code: string; lang: string }) {
  return (
    <figure className="code-surface overflow-hidden rounded-xl border border-zinc-800 bg-zinc-950" data-testid="docs-code-block">
      <figcaption className="flex items-center justify-between gap-2 border-b border-zinc-800 py-1 pl-4 pr-2 text-xs text-zinc-400">
        <span className="font-mono">{lang || "text"}</span>
        <CopyCodeButton value={code} />
      </figcaption>
      <pre tabIndex={0} className="overflow-x-auto p-4 text-[13px] leading-6 text-zinc-100 [overflow-wrap:normal]">
        <code className="font-mono">{code}</code>
      </pre>
    </figure>
  );
}
