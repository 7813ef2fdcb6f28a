import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { findMembership, insertMember } from "@/db/queries/orgs";
import { makeUser, testDb } from "@/lib/testing/fixtures";
import { makeOrg } from "@/lib/testing/org-fixtures";
import { acceptInvitation, createInvitation, previewInvitation, revokeInvitation } from "./invitations";
import { changeMemberRole, removeMember } from "./members";
import { orgAccess } from "./org-access";
import { OrgError } from "./org-error";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OrgError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return "resolved";
}

describe("invitations", () => {
  it("single use, role chosen by the inviter, expiring, revocable", async () => {
    const { org, ownerId } = await makeOrg(db);
    const owner = await orgAccess(db, org.slug, ownerId);
    const { token, invitation } = await createInvitation(db, owner, "admin");
    expect(token).toMatch(/^inv_[0-9A-Za-z]{43}$/);
    expect(invitation.tokenHash).not.toContain(token);
    expect((await previewInvitation(db, token))?.role).toBe("admin");

    const alice = await makeUser(db);
    const bob = await makeUser(db);
    expect(await acceptInvitation(db, token, alice.id)).toMatchObject({ role: "admin", alreadyMember: false });
    expect(await findMembership(db, org.id, alice.id)).toBe("admin");
    expect(await errorOf(acceptInvitation(db, token, bob.id))).toMatch(/^NOT_FOUND: This invitation link is not valid/);
    expect(await previewInvitation(db, token)).toBeUndefined();

    const later = await createInvitation(db, owner, "member", new Date(Date.now() - 8 * 86_400_000));
    expect(await errorOf(acceptInvitation(db, later.token, bob.id))).toMatch(/^NOT_FOUND/);
    const revoked = await createInvitation(db, owner, "member");
    await revokeInvitation(db, owner, revoked.invitation.id);
    expect(await errorOf(acceptInvitation(db, revoked.token, bob.id))).toMatch(/^NOT_FOUND/);

    // Concurrent accepts: exactly one wins.
    const race = await createInvitation(db, owner, "member");
    const [c1, c2] = await Promise.all([makeUser(db), makeUser(db)]);
    const results = await Promise.allSettled([acceptInvitation(db, race.token, c1.id), acceptInvitation(db, race.token, c2.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);

    // Admins cannot hand out ownership.
    const adminAccess = await orgAccess(db, org.slug, alice.id);
    expect(await errorOf(createInvitation(db, adminAccess, "owner"))).toBe("FORBIDDEN: Only an owner can invite another owner");
  });
});

describe("members", () => {
  it("owners change roles and remove members; the last owner stays", async () => {
    const { org, ownerId } = await makeOrg(db);
    const owner = await orgAccess(db, org.slug, ownerId);
    const m = await makeUser(db);
    await insertMember(db, { orgId: org.id, userId: m.id, role: "member" });
    const member = await orgAccess(db, org.slug, m.id);

    expect(await errorOf(changeMemberRole(db, member, ownerId, "member"))).toBe("FORBIDDEN: Only an owner can change roles or remove members");
    expect(await errorOf(changeMemberRole(db, owner, ownerId, "admin"))).toBe("BAD_REQUEST: An organization must keep at least one owner");
    expect(await errorOf(removeMember(db, owner, ownerId))).toBe("BAD_REQUEST: An organization must keep at least one owner");
    await changeMemberRole(db, owner, m.id, "owner");
    await changeMemberRole(db, owner, ownerId, "member");
    expect(await findMembership(db, org.id, ownerId)).toBe("member");
    const newOwner = await orgAccess(db, org.slug, m.id);
    await removeMember(db, newOwner, ownerId);
    expect(await findMembership(db, org.id, ownerId)).toBeUndefined();
    expect(await errorOf(orgAccess(db, org.slug, ownerId))).toBe("NOT_FOUND: Organization not found");
  });
});
