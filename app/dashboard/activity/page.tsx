import type { Metadata } from "next";
import { toOutcome } from "@/components/activity/outcome-filter";
import { ActivityLog } from "@/components/activity/activity-log";
import { PageHeader } from "@/components/dashboard/page-header";
import { requireUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Activity" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 64) : "");

// /dashboard/activity – what agents and this dashboard did with keys and connections.
export default async function ActivityPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const q = await searchParams;
  return (
    <>
      <PageHeader title="Activity" description="Every token fetch, connect link, connection and key change on your account, and every agent call that was refused or failed with what the agent was told, newest first. Secrets are never recorded." />
      <ActivityLog initial={{ provider: one(q.provider), apiKeyId: one(q.key), outcome: toOutcome(one(q.outcome)) }} />
    </>
  );
}
