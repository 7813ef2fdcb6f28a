import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/dashboard/page-header";
import { AnalyticsPanel } from "@/components/orgs/analytics-panel";
import { AuditLog } from "@/components/orgs/audit-log";
import { EndUsersTable } from "@/components/orgs/end-users-table";
import { PlansPanel } from "@/components/orgs/plans-panel";
import { ServiceKeysPanel } from "@/components/orgs/service-keys-panel";
import { ServiceSettingsPanel } from "@/components/orgs/service-settings-panel";
import { requireUser } from "@/lib/auth";
import { providerCodes } from "@/lib/providers";
import { servicePermissions } from "@/lib/service-keys/permissions";
import { serverApi } from "@/lib/trpc/server";
import { orNotFound } from "@/lib/trpc/server-or-404";

export const metadata: Metadata = { title: "Service" };
export const dynamic = "force-dynamic";

// /dashboard/orgs/:slug/services/:serviceSlug – settings, providers, keys, plans, end users, analytics, audit.
export default async function ServicePage({ params }: { params: Promise<{ slug: string; serviceSlug: string }> }) {
  await requireUser();
  const { slug, serviceSlug } = await params;
  const api = await serverApi();
  const view = await orNotFound(api.services.get({ orgSlug: slug, serviceSlug }));
  const [org, audit] = await Promise.all([api.orgs.get({ slug }), api.orgs.audit({ slug, serviceId: view.service.id })]);
  const manage = view.role === "owner" || view.role === "admin";
  const ref = { orgSlug: slug, serviceSlug };
  return (
    <>
      <PageHeader title={view.service.name} description={`${view.service.slug} · ${view.service.serviceType} · ${view.service.id}`}>
        <Link href={`/dashboard/orgs/${slug}`} className="text-sm text-zinc-600 underline-offset-2 hover:underline">
          ← {view.org.name}
        </Link>
      </PageHeader>
      <div className="space-y-6">
        <AnalyticsPanel analytics={view.analytics} daily={view.daily} />
        <EndUsersTable {...ref} users={view.endUsers} total={view.totalEndUsers} canManage={manage} />
        <ServiceKeysPanel {...ref} keys={view.keys} permissions={servicePermissions} canManage={manage} />
        <ServiceSettingsPanel {...ref} name={view.service.name} redirectUris={view.service.redirectUris} providers={view.providers} providerCodes={providerCodes} canManage={manage} />
        <PlansPanel {...ref} plans={view.plans} canManage={manage} />
        <AuditLog events={audit} members={new Map(org.members.map((m) => [m.userId, m.email]))} />
      </div>
    </>
  );
}
