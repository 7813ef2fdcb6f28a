import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/dashboard/page-header";
import { WebhooksManager } from "@/components/webhooks/webhooks-manager";
import { requireUser } from "@/lib/auth";
import { serverApi } from "@/lib/trpc/server";
import { orNotFound } from "@/lib/trpc/server-or-404";

export const metadata: Metadata = { title: "Organization webhooks" };
export const dynamic = "force-dynamic";

// /dashboard/orgs/:slug/webhooks – an organization's signed webhooks (owners and admins).
export default async function OrgWebhooksPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireUser();
  const { slug } = await params;
  const api = await serverApi();
  const listed = await orNotFound(api.webhooks.list({ orgSlug: slug })).catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === "FORBIDDEN") return null;
    throw e;
  });
  if (!listed) return <PageHeader title="Organization webhooks" description="Only the organization's owners and admins manage its webhooks." />;
  const { endpoints, eventTypes } = listed;
  const withLogs = await Promise.all(endpoints.map(async (e) => ({ ...e, deliveries: await api.webhooks.deliveries({ orgSlug: slug, id: e.id }) })));
  return (
    <>
      <PageHeader
        title="Organization webhooks"
        description="Events about this organization's end users and services: grants created or revoked, completed provider-token requests, end users' connections needing re-authorization, service keys created or deleted."
      >
        <Link href={`/dashboard/orgs/${slug}`} className="text-sm font-medium text-zinc-700 underline-offset-2 hover:underline">
          Back to {slug}
        </Link>
      </PageHeader>
      <WebhooksManager orgSlug={slug} endpoints={withLogs} eventTypes={eventTypes} />
    </>
  );
}
