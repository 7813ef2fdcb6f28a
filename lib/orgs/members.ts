/**
 * Membership changes. Only owners change roles or remove people (admins manage services,
 * not the team), and the last owner can never be demoted or removed: the org lock
 * serializes concurrent changes so two owners cannot demote each other at once.
 */
import type { Db } from "@/db";
import { countOwners, deleteMember, findMembership, lockOrganization, updateMemberRole } from "@/db/queries/orgs";
import { orgRoles, type OrgRole } from "@/db/schema";
import type { OrgAccess } from "./org-access";
import { badRequest, forbidden, notFound } from "./org-error";
import { recordOrgEvent } from "./record-org-event";

function requireOwner(access: OrgAccess): void {
  if (access.role !== "owner") throw forbidden("Only an owner can change roles or remove members");
}

export function parseRole(role: string): OrgRole {
  const found = orgRoles.find((r) => r === role);
  if (!found) throw badRequest(`role: must be one of ${orgRoles.join(", ")}`);
  return found;
}

export async function changeMemberRole(db: Db, access: OrgAccess, userId: string, role: OrgRole): Promise<void> {
  requireOwner(access);
  await db.transaction(async (tx) => {
    await lockOrganization(tx, access.org.id);
    const current = await findMembership(tx, access.org.id, userId);
    if (!current) throw notFound("Member not found");
    if (current === "owner" && role !== "owner" && (await countOwners(tx, access.org.id)) <= 1) throw badRequest("An organization must keep at least one owner");
    await updateMemberRole(tx, access.org.id, userId, role);
    await recordOrgEvent(tx, { orgId: access.org.id, actorUserId: access.userId, action: "member.role_changed", targetType: "user", targetId: userId, detail: { from: current, to: role } });
  });
}

/** Owners remove anyone (but the last owner); any member may leave, except the last owner. */
export async function removeMember(db: Db, access: OrgAccess, userId: string): Promise<void> {
  if (userId !== access.userId) requireOwner(access);
  await db.transaction(async (tx) => {
    await lockOrganization(tx, access.org.id);
    const current = await findMembership(tx, access.org.id, userId);
    if (!current) throw notFound("Member not found");
    if (current === "owner" && (await countOwners(tx, access.org.id)) <= 1) throw badRequest("An organization must keep at least one owner");
    await deleteMember(tx, access.org.id, userId);
    await recordOrgEvent(tx, { orgId: access.org.id, actorUserId: access.userId, action: "member.removed", targetType: "user", targetId: userId, detail: { role: current } });
  });
}
