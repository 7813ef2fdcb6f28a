import Link from "next/link";
import { LogoMark } from "@/components/logo";
import { buttonPrimary, buttonSecondary } from "@/components/ui/styles";

export const metadata = { title: "Page not found" };

// Any unknown page for people (API paths answer JSON from their families' catch-all routes).
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-12">
      <section className="w-full max-w-md rounded-2xl border border-zinc-200 bg-white p-8 shadow-sm" aria-labelledby="not-found-title">
        <div className="flex items-center gap-3">
          <LogoMark />
          <span className="inline-block rounded-full bg-zinc-100 px-3 py-1 text-xs font-medium text-zinc-700">404</span>
        </div>
        <h1 id="not-found-title" className="mt-4 text-2xl font-semibold text-zinc-900">
          This page does not exist
        </h1>
        <p className="mt-3 text-sm leading-6 text-zinc-600">
          The link may be mistyped, or the page moved. Connect links from an agent start with <code className="font-mono text-xs">/connect/cs_</code>; if yours no longer opens, ask your agent for a new one.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link href="/dashboard" className={buttonPrimary}>
            Go to the dashboard
          </Link>
          <Link href="/" className={buttonSecondary}>
            Home
          </Link>
        </div>
      </section>
    </main>
  );
}
