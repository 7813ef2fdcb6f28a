import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { listApiKeysForUser } from "@/db/queries/api-keys";
import { listConnectionsForUser } from "@/db/queries/connections";
import { PageHeader } from "@/components/dashboard/page-header";
import { CopyButton } from "@/components/copy-button";
import { card } from "@/components/ui/styles";
import { requestOrigin, requireUser } from "@/lib/auth";
import { readyProviderCodes } from "@/lib/readiness/provider-readiness";

export const metadata: Metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

function Stat({ label, value, href }: { label: string; value: number; href: string }) {
  return (
    <Link href={href} className={`${card} block p-5 transition-colors hover:border-zinc-300 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900`}>
      <p className="text-sm text-zinc-600">{label}</p>
      <p className="mt-1 text-3xl font-semibold tabular-nums tracking-tight text-zinc-900">{value}</p>
    </Link>
  );
}

function Step({ n, title, children }: { n: number; title: string; children: React.ReactNode }) {
  return (
    <li className="flex gap-4">
      <span aria-hidden="true" className="flex h-7 w-7 flex-none items-center justify-center rounded-full bg-zinc-900 text-xs font-semibold text-white">
        {n}
      </span>
      <div className="min-w-0 flex-1 pb-1">
        <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
        <div className="mt-1 text-sm text-zinc-600">{children}</div>
      </div>
    </li>
  );
}

// /dashboard – getting started and counts.
export default async function OverviewPage() {
  const user = await requireUser();
  const db = await getDb();
  const [keys, connections, origin] = await Promise.all([listApiKeysForUser(db, user.id), listConnectionsForUser(db, user.id), requestOrigin()]);
  const now = new Date();
  const activeKeys = keys.filter((k) => !k.revokedAt && !(k.expiresAt && k.expiresAt <= now)).length;
  const skillUrl = `${origin}/ai/skill`;

  return (
    <>
      <PageHeader title="Overview" description={`Signed in as ${user.email}.`} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Active API keys" value={activeKeys} href="/dashboard/keys" />
        <Stat label="Connected accounts" value={connections.length} href="/dashboard/connections" />
        <Stat label="Providers ready to connect" value={readyProviderCodes().size} href="/dashboard/providers" />
      </div>

      <section aria-labelledby="start-title" className={`${card} mt-8 p-5 sm:p-6`}>
        <h2 id="start-title" className="text-base font-semibold text-zinc-900">
          Get started
        </h2>
        <ol className="mt-5 space-y-5">
          <Step n={1} title="Mint an API key for your agent">
            One key per agent, so you can see what each does and revoke it alone.{" "}
            <Link href="/dashboard/keys" className="font-medium text-zinc-900 underline underline-offset-4">
              Create a key
            </Link>
          </Step>
          <Step n={2} title="Give your agent the skill">
            <p>Paste this URL into your agent (Claude, Cursor, your own). It explains how to fetch tokens from this Akhrot.</p>
            <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
              <code className="block min-w-0 flex-1 truncate rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-xs text-zinc-800 sm:text-sm" data-testid="skill-url">
                {skillUrl}
              </code>
              <CopyButton value={skillUrl} label="Copy URL" />
            </div>
          </Step>
          <Step n={3} title="Connect the accounts it needs">
            Paste an OpenAI or Stripe key, or sign in to an OAuth provider this instance is set up for, on the{" "}
            <Link href="/dashboard/providers" className="font-medium text-zinc-900 underline underline-offset-4">
              Providers
            </Link>{" "}
            page, or let your agent send you a connect link when it needs one.
          </Step>
        </ol>
      </section>
    </>
  );
}
