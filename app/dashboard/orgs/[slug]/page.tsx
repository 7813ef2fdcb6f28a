import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/dashboard/page-header";
import { AuditLog } from "@/components/orgs/audit-log";
import { CreateServiceForm } from "@/components/orgs/create-service-form";
import { DeleteOrgPanel } from "@/components/orgs/delete-org-panel";
import { InvitePanel } from "@/components/orgs/invite-panel";
import { MembersTable } from "@/components/orgs/members-table";
import { OrgSwitcher } from "@/components/orgs/org-switcher";
import { card } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth";
import { serverApi } from "@/lib/trpc/server";
import { orNotFound } from "@/lib/trpc/server-or-404";

export const metadata: Metadata = { title: "Organization" };
export const dynamic = "force-dynamic";

// /dashboard/orgs/:slug – services, members, invitations and the audit log of one organization.
export default async function OrgPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireUser();
  const { slug } = await params;
  const api = await serverApi();
  const [view, orgs, audit] = await Promise.all([orNotFound(api.orgs.get({ slug })), api.orgs.list(), orNotFound(api.orgs.audit({ slug }))]);
  const manage = view.role === "owner" || view.role === "admin";
  const members = new Map(view.members.map((m) => [m.userId, m.email]));
  return (
    <>
      <PageHeader title={view.org.name} description={`${view.org.slug} · you are ${view.role}${view.org.status !== "active" ? ` · ${view.org.status}: its service keys answer 401` : ""}`}>
        <OrgSwitcher orgs={orgs} current={view.org.slug} />
      </PageHeader>
      <div className="space-y-6">
        <section className={`${card} p-5`} aria-labelledby="services-title">
          <h2 id="services-title" className="text-sm font-semibold text-zinc-900">
            Services
          </h2>
          {view.services.length === 0 ? (
            <p className="mt-2 text-sm text-zinc-600">No services yet.</p>
          ) : (
            <ul className="mt-2 divide-y divide-zinc-100 text-sm" data-testid="services">
              {view.services.map((s) => (
                <li key={s.slug} className="py-2">
                  <Link className="font-medium text-zinc-900 underline-offset-2 hover:underline" href={`/dashboard/orgs/${view.org.slug}/services/${s.slug}`}>
                    {s.name}
                  </Link>
                  <span className="text-zinc-500">
                    {" "}
                    · {s.slug} · {s.serviceType}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        {manage && view.org.status === "active" && <CreateServiceForm orgSlug={view.org.slug} />}
        {manage && (
          <p className="text-sm">
            <Link className="font-medium text-zinc-900 underline underline-offset-2" href={`/dashboard/orgs/${view.org.slug}/webhooks`}>
              Webhooks
            </Link>
            <span className="text-zinc-600"> · signed events about end users, grants and service keys</span>
          </p>
        )}
        <MembersTable orgSlug={view.org.slug} members={view.members} isOwner={view.role === "owner"} me={view.me} />
        {manage && <InvitePanel orgSlug={view.org.slug} canInviteOwner={view.role === "owner"} invitations={view.invitations} />}
        <AuditLog events={audit} members={members} />
        {view.role === "owner" && <DeleteOrgPanel orgSlug={view.org.slug} />}
      </div>
    </>
  );
}
