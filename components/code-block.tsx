/** A dark, horizontally scrollable code sample with a caption. */
export function CodeBlock({ title, code }: { title: string; code: string }) {
  return (
    <figure className="code-surface overflow-hidden rounded-xl border border-zinc-800 bg-zinc-950 shadow-lg">
      <figcaption className="flex items-center gap-2 border-b border-zinc-800 px-4 py-2.5 text-xs text-zinc-400">
        <span aria-hidden="true" className="flex gap-1.5">
          <span className="h-2.5 w-2.5 rounded-full bg-zinc-700" />
          <span className="h-2.5 w-2.5 rounded-full bg-zinc-700" />
          <span className="h-2.5 w-2.5 rounded-full bg-zinc-700" />
        </span>
        <span className="ml-2">{title}</span>
      </figcaption>
      <pre tabIndex={0} className="overflow-x-auto p-4 text-[13px] leading-6 text-zinc-100">
        <code className="font-mono">{code}</code>
      </pre>
    </figure>
  );
}
