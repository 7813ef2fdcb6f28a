import type { DbOrTx } from "@/db";
import type { ServiceRow } from "@/db/schema";
import { assertActive, canManage, orgAccess, type OrgAccess } from "@/lib/orgs/org-access";
import { forbidden } from "@/lib/orgs/org-error";
import { requireService } from "./manage-services";

/**
 * A member's access to one service of an active org (AuthOS's `require_active_organization`:
 * a suspended org's management routes answer 403). `manage` names the action a read-only
 * member is refused, in AuthOS's words.
 */
export async function orgServiceAccess(db: DbOrTx, orgSlug: string, serviceSlug: string, userId: string, manage?: string): Promise<{ access: OrgAccess; service: ServiceRow }> {
  const access = await orgAccess(db, orgSlug, userId);
  assertActive(access);
  const service = await requireService(db, access.org.id, serviceSlug);
  if (manage && !canManage(access.role)) throw forbidden(`Insufficient permissions to ${manage}`);
  return { access, service };
}

/** As orgAccess for an active org, refusing read-only members when `manage` is given. */
export async function activeOrgAccess(db: DbOrTx, orgSlug: string, userId: string, manage?: string): Promise<OrgAccess> {
  const access = await orgAccess(db, orgSlug, userId);
  assertActive(access);
  if (manage && !canManage(access.role)) throw forbidden(`Insufficient permissions to ${manage}`);
  return access;
}
