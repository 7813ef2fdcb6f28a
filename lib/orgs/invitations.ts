/**
 * Invitation links: no e-mail server needed, the inviter copies the link. The token is 256
 * random bits shown once and stored as SHA-256; accepting is single use (one conditional
 * UPDATE wins) and needs a signed-in dashboard user, whose account then joins with the role
 * the inviter chose.
 */
import type { Db } from "@/db";
import { claimInvitation, findMembership, findOpenInvitation, insertInvitation, insertMember, revokeInvitation as revokeRow } from "@/db/queries/orgs";
import type { OrgInvitation, OrgRole, Organization } from "@/db/schema";
import { randomBase62, randomId, sha256Hex } from "@/lib/crypto";
import type { OrgAccess } from "./org-access";
import { assertActive } from "./org-access";
import { forbidden, notFound } from "./org-error";
import { recordOrgEvent } from "./record-org-event";

export const INVITATION_TTL_DAYS = 7;
const TOKEN_PREFIX = "inv_";

export async function createInvitation(db: Db, access: OrgAccess, role: OrgRole, now = new Date()): Promise<{ invitation: OrgInvitation; token: string }> {
  assertActive(access);
  // Admins may invite members and admins; only owners can hand out ownership.
  if (role === "owner" && access.role !== "owner") throw forbidden("Only an owner can invite another owner");
  const token = `${TOKEN_PREFIX}${randomBase62(43)}`;
  return db.transaction(async (tx) => {
    const invitation = await insertInvitation(tx, {
      id: randomId("inv"),
      orgId: access.org.id,
      tokenHash: sha256Hex(token),
      role,
      createdBy: access.userId,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000),
    });
    await recordOrgEvent(tx, { orgId: access.org.id, actorUserId: access.userId, action: "invitation.created", targetType: "invitation", targetId: invitation.id, detail: { role } });
    return { invitation, token };
  });
}

/** What the accept page shows: the org and the role, or undefined for a used, revoked, expired or unknown link. */
export async function previewInvitation(db: Db, token: string, now = new Date()): Promise<{ org: Organization; role: OrgRole } | undefined> {
  const found = await findOpenInvitation(db, sha256Hex(token), now);
  return found ? { org: found.org, role: found.invitation.role } : undefined;
}

export type AcceptResult = { org: Organization; role: OrgRole; alreadyMember: boolean };

export async function acceptInvitation(db: Db, token: string, userId: string, now = new Date()): Promise<AcceptResult> {
  return db.transaction(async (tx) => {
    const found = await findOpenInvitation(tx, sha256Hex(token), now);
    if (!found) throw notFound("This invitation link is not valid: it was used, revoked or has expired");
    const existing = await findMembership(tx, found.org.id, userId);
    // A member who opens a link keeps their role and leaves the link for its intended person.
    if (existing) return { org: found.org, role: existing, alreadyMember: true };
    const claimed = await claimInvitation(tx, found.invitation.id, userId, now);
    if (!claimed) throw notFound("This invitation link is not valid: it was used, revoked or has expired");
    await insertMember(tx, { orgId: found.org.id, userId, role: claimed.role });
    await recordOrgEvent(tx, { orgId: found.org.id, actorUserId: userId, action: "invitation.accepted", targetType: "invitation", targetId: claimed.id, detail: { role: claimed.role } });
    return { org: found.org, role: claimed.role, alreadyMember: false };
  });
}

export async function revokeInvitation(db: Db, access: OrgAccess, id: string): Promise<void> {
  const ok = await revokeRow(db, access.org.id, id);
  if (!ok) throw notFound("Invitation not found");
  await recordOrgEvent(db, { orgId: access.org.id, actorUserId: access.userId, action: "invitation.revoked", targetType: "invitation", targetId: id });
}
