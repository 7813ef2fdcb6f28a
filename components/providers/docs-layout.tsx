import Link from "next/link";

type Crumb = { href: string; label: string };

/**
 * A docs page: breadcrumbs, then the rendered agent markdown beside the provider panel
 * (the panel comes first on phones, so Connect is reachable without scrolling the docs).
 */
export function DocsLayout({ crumbs, current, aside, children }: { crumbs: Crumb[]; current: string; aside: React.ReactNode; children: React.ReactNode }) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-6 text-sm">
        <ol className="flex flex-wrap items-center gap-1.5 text-zinc-500">
          {crumbs.map((c) => (
            <li key={c.href} className="flex items-center gap-1.5">
              <Link href={c.href} className="hover:text-zinc-900 hover:underline">
                {c.label}
              </Link>
              <span aria-hidden="true">/</span>
            </li>
          ))}
          <li aria-current="page" className="font-medium text-zinc-900">
            {current}
          </li>
        </ol>
      </nav>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="lg:order-last">{aside}</div>
        <article className="min-w-0">{children}</article>
      </div>
    </>
  );
}
