import type { DbOrTx } from "@/db";
import { findMembership, findOrganizationBySlug } from "@/db/queries/orgs";
import type { OrgRole, Organization } from "@/db/schema";
import { forbidden, notFound } from "./org-error";

export type OrgAccess = { org: Organization; role: OrgRole; userId: string };

/** Owners and admins manage; members read. */
export function canManage(role: OrgRole): boolean {
  return role === "owner" || role === "admin";
}

/**
 * The caller's membership of the org named by slug. A non-member gets the same 404 as an
 * unknown slug, so org slugs cannot be probed.
 */
export async function orgAccess(db: DbOrTx, slug: string, userId: string): Promise<OrgAccess> {
  const org = await findOrganizationBySlug(db, slug);
  const role = org ? await findMembership(db, org.id, userId) : undefined;
  if (!org || !role) throw notFound("Organization not found");
  return { org, role, userId };
}

/** As orgAccess, and refuse members who may only read (message names the action). */
export async function orgManager(db: DbOrTx, slug: string, userId: string, action: string): Promise<OrgAccess> {
  const access = await orgAccess(db, slug, userId);
  if (!canManage(access.role)) throw forbidden(`Insufficient permissions to ${action}`);
  return access;
}

/** Service keys of a suspended org stop working; so do its management mutations. */
export function assertActive(access: OrgAccess): void {
  if (access.org.status !== "active") throw forbidden("Organization is not active");
}
