import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { WebhooksManager } from "@/components/webhooks/webhooks-manager";
import { requireUser } from "@/lib/auth";
import { serverApi } from "@/lib/trpc/server";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

// /dashboard/webhooks – a person's signed webhooks: endpoints, their delivery logs, test events.
export default async function WebhooksPage() {
  await requireUser();
  const api = await serverApi();
  const { endpoints, eventTypes } = await api.webhooks.list({});
  const withLogs = await Promise.all(endpoints.map(async (e) => ({ ...e, deliveries: await api.webhooks.deliveries({ id: e.id }) })));
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Akhrot tells your servers when one of your connections needs re-authorization, recovers or is removed, and when your agent keys change. Deliveries are signed (Standard Webhooks) and retried for a day."
      />
      <WebhooksManager endpoints={withLogs} eventTypes={eventTypes} />
    </>
  );
}
