import type { Metadata } from "next";
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
      <PageHeader title="Activity" description="Every token fetch, connect link, connection and key change on your account, newest first. Secrets are never recorded." />
      <ActivityLog initial={{ provider: one(q.provider), apiKeyId: one(q.key) }} />
    </>
  );
}
