import type { Db } from "@/db";
import { deleteOrganizationRow, lockOrganization } from "@/db/queries/orgs";
import { listServices } from "@/db/queries/services";
import { recordEvent } from "@/lib/audit/record-event";
import { forgetOrgServiceKeys } from "@/lib/service-keys/service-key-cache";
import { badRequest, forbidden, notFound } from "./org-error";
import type { OrgAccess } from "./org-access";

/**
 * An owner deletes the organization: services, their keys, plans and subscriptions, end users,
 * their connections and grants, members and invitations go with it (foreign keys cascade). The
 * org's own audit log goes too, so the deletion is recorded in the owner's Activity
 * (`organization.delete`). `confirmSlug` must repeat the slug (the dashboard has it typed). The
 * service-key cache forgets the org's keys at once, so none answers after this returns.
 */
export async function deleteOrganization(db: Db, access: OrgAccess, confirmSlug: string): Promise<void> {
  if (access.role !== "owner") throw forbidden("Only an owner can delete the organization");
  if (confirmSlug !== access.org.slug) throw badRequest(`Type the organization's slug (${access.org.slug}) to confirm its deletion`);
  const { org } = access;
  await db.transaction(async (tx) => {
    await lockOrganization(tx, org.id);
    const { total } = await listServices(tx, org.id, { limit: 1, offset: 0 });
    if (!(await deleteOrganizationRow(tx, org.id))) throw notFound("Organization not found");
    await recordEvent(tx, { userId: access.userId, action: "organization.delete", detail: { org_id: org.id, slug: org.slug, name: org.name, services: total } });
  });
  await forgetOrgServiceKeys(org.id);
}
