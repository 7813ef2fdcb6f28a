import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { orgInvitations, orgMembers, organizations, users, type OrgInvitation, type OrgRole, type OrgStatus, type Organization } from "@/db/schema";

export async function insertOrganization(db: DbOrTx, row: typeof organizations.$inferInsert): Promise<Organization | undefined> {
  const [created] = await db.insert(organizations).values(row).onConflictDoNothing({ target: organizations.slug }).returning();
  return created;
}

export async function findOrganizationBySlug(db: DbOrTx, slug: string): Promise<Organization | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return row;
}

export async function setOrganizationStatus(db: DbOrTx, slug: string, status: OrgStatus): Promise<Organization | undefined> {
  const [row] = await db.update(organizations).set({ status }).where(eq(organizations.slug, slug)).returning();
  return row;
}

/** Delete an organization; its members, invitations, services (keys, plans, grants), end users and their connections cascade. */
export async function deleteOrganizationRow(db: DbOrTx, orgId: string): Promise<boolean> {
  const rows = await db.delete(organizations).where(eq(organizations.id, orgId)).returning({ id: organizations.id });
  return rows.length > 0;
}

export async function insertMember(db: DbOrTx, row: typeof orgMembers.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(orgMembers).values(row).onConflictDoNothing().returning({ userId: orgMembers.userId });
  return inserted.length > 0;
}

export async function findMembership(db: DbOrTx, orgId: string, userId: string): Promise<OrgRole | undefined> {
  const [row] = await db.select({ role: orgMembers.role }).from(orgMembers).where(and(eq(orgMembers.orgId, orgId), eq(orgMembers.userId, userId))).limit(1);
  return row?.role;
}

export function listOrganizationsForUser(db: DbOrTx, userId: string) {
  return db
    .select({ org: organizations, role: orgMembers.role })
    .from(orgMembers)
    .innerJoin(organizations, eq(organizations.id, orgMembers.orgId))
    .where(eq(orgMembers.userId, userId))
    .orderBy(asc(organizations.name));
}

export function listMembers(db: DbOrTx, orgId: string) {
  return db
    .select({ userId: orgMembers.userId, role: orgMembers.role, joinedAt: orgMembers.createdAt, email: users.email, name: users.name })
    .from(orgMembers)
    .innerJoin(users, eq(users.id, orgMembers.userId))
    .where(eq(orgMembers.orgId, orgId))
    .orderBy(asc(orgMembers.createdAt));
}

export async function countOwners(db: DbOrTx, orgId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orgMembers).where(and(eq(orgMembers.orgId, orgId), eq(orgMembers.role, "owner")));
  return row?.n ?? 0;
}

export async function updateMemberRole(db: DbOrTx, orgId: string, userId: string, role: OrgRole): Promise<boolean> {
  const rows = await db.update(orgMembers).set({ role }).where(and(eq(orgMembers.orgId, orgId), eq(orgMembers.userId, userId))).returning({ userId: orgMembers.userId });
  return rows.length > 0;
}

export async function deleteMember(db: DbOrTx, orgId: string, userId: string): Promise<boolean> {
  const rows = await db.delete(orgMembers).where(and(eq(orgMembers.orgId, orgId), eq(orgMembers.userId, userId))).returning({ userId: orgMembers.userId });
  return rows.length > 0;
}

/** Serialize role changes in one org (the last-owner check must see every concurrent change). */
export async function lockOrganization(db: DbOrTx, orgId: string): Promise<void> {
  await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId)).for("update");
}

export async function insertInvitation(db: DbOrTx, row: typeof orgInvitations.$inferInsert): Promise<OrgInvitation> {
  const [created] = await db.insert(orgInvitations).values(row).returning();
  if (!created) throw new Error("insert into org_invitations returned no row");
  return created;
}

/** The open invitation for a token digest (not accepted, not revoked, not expired), with its org. */
export async function findOpenInvitation(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ invitation: orgInvitations, org: organizations })
    .from(orgInvitations)
    .innerJoin(organizations, eq(organizations.id, orgInvitations.orgId))
    .where(and(eq(orgInvitations.tokenHash, tokenHash), isNull(orgInvitations.acceptedAt), isNull(orgInvitations.revokedAt), gt(orgInvitations.expiresAt, now)))
    .limit(1);
  return row;
}

/** Single use: one conditional UPDATE; only one caller ever gets the row back. */
export async function claimInvitation(db: DbOrTx, id: string, userId: string, now: Date): Promise<OrgInvitation | undefined> {
  const [row] = await db
    .update(orgInvitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(and(eq(orgInvitations.id, id), isNull(orgInvitations.acceptedAt), isNull(orgInvitations.revokedAt), gt(orgInvitations.expiresAt, now)))
    .returning();
  return row;
}

export function listInvitations(db: DbOrTx, orgId: string) {
  return db.select().from(orgInvitations).where(eq(orgInvitations.orgId, orgId)).orderBy(desc(orgInvitations.createdAt)).limit(100);
}

export async function revokeInvitation(db: DbOrTx, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(orgInvitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(orgInvitations.orgId, orgId), eq(orgInvitations.id, id), isNull(orgInvitations.acceptedAt), isNull(orgInvitations.revokedAt)))
    .returning({ id: orgInvitations.id });
  return rows.length > 0;
}
