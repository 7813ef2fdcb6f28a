import type { Metadata } from "next";
import Link from "next/link";
import { ConnectResultBanner } from "@/components/connections/connect-result-banner";
import { ConnectionsManager } from "@/components/connections/connections-manager";
import { PageHeader } from "@/components/dashboard/page-header";
import { buttonPrimary } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Connections" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 64) : undefined);

// /dashboard/connections – every connected account; the landing page after a dashboard connect.
export default async function ConnectionsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const q = await searchParams;
  return (
    <>
      <PageHeader title="Connections" description="The accounts and keys your agents can use, what each may do, and when an agent last used it.">
        <Link href="/dashboard/providers" className={`${buttonPrimary} self-start sm:self-auto`}>
          Connect a provider
        </Link>
      </PageHeader>
      <div className="mb-6 empty:hidden">
        <ConnectResultBanner connected={one(q.connected)} replaced={one(q.replaced)} error={one(q.error)} provider={one(q.provider)} />
      </div>
      <ConnectionsManager />
    </>
  );
}
