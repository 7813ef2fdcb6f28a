import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { callerFor, codeOf } from "@/lib/testing/trpc-caller";
import { makeUser, testDb } from "@/lib/testing/fixtures";
import { uniqueSlug } from "@/lib/testing/org-fixtures";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

describe("orgs and services routers (the dashboard)", () => {
  it("create org → invite → accept → the member reads but cannot manage; a stranger gets NOT_FOUND", async () => {
    const [owner, member, stranger] = await Promise.all([makeUser(db), makeUser(db), makeUser(db)]);
    const o = callerFor(db, owner.id);
    const slug = await o.orgs.create({ slug: uniqueSlug("dash"), name: "Dash Org" });
    const { token } = await o.orgs.invite({ slug, role: "member" });
    const m = callerFor(db, member.id);
    expect(await m.orgs.previewInvitation({ token })).toEqual({ orgName: "Dash Org", orgSlug: slug, role: "member" });
    expect(await m.orgs.acceptInvitation({ token })).toEqual({ slug, role: "member", alreadyMember: false });
    expect(await codeOf(callerFor(db, stranger.id).orgs.acceptInvitation({ token }))).toBe("NOT_FOUND");

    const svc = await o.services.create({ orgSlug: slug, slug: "api", name: "API", serviceType: "api", redirectUris: [] });
    const { key } = await o.services.createKey({ orgSlug: slug, serviceSlug: svc, name: "k", permissions: ["read:users"], expiresInDays: null });
    expect(key).toMatch(/^aks_/);
    const view = await m.services.get({ orgSlug: slug, serviceSlug: svc });
    expect(view.keys.map((k) => k.prefix)).toEqual([key.slice(0, 12)]);
    expect(JSON.stringify(view)).not.toContain(key);
    expect(view.plans.map((p) => p.name)).toEqual(["free"]);
    expect(await codeOf(m.services.createKey({ orgSlug: slug, serviceSlug: svc, name: "k", permissions: ["read:users"], expiresInDays: null }))).toBe("FORBIDDEN");
    expect(await codeOf(m.orgs.invite({ slug, role: "member" }))).toBe("FORBIDDEN");
    expect((await m.orgs.get({ slug })).invitations).toEqual([]);
    expect(await codeOf(callerFor(db, stranger.id).services.get({ orgSlug: slug, serviceSlug: svc }))).toBe("NOT_FOUND");
    expect((await o.orgs.audit({ slug })).map((e) => e.action)).toEqual(expect.arrayContaining(["organization.created", "invitation.created", "invitation.accepted", "service.created", "api_key.created"]));
    expect(await codeOf(callerFor(db, null).orgs.list())).toBe("UNAUTHORIZED");
  });

  it("delete: only an owner, only with the slug typed again", async () => {
    const [owner, admin] = await Promise.all([makeUser(db), makeUser(db)]);
    const o = callerFor(db, owner.id);
    const slug = await o.orgs.create({ slug: uniqueSlug("del"), name: "Doomed" });
    const { token } = await o.orgs.invite({ slug, role: "admin" });
    await callerFor(db, admin.id).orgs.acceptInvitation({ token });
    expect(await codeOf(callerFor(db, admin.id).orgs.delete({ slug, confirmSlug: slug }))).toBe("FORBIDDEN");
    expect(await codeOf(o.orgs.delete({ slug, confirmSlug: `${slug}x` }))).toBe("BAD_REQUEST");
    await o.orgs.delete({ slug, confirmSlug: slug });
    expect(await codeOf(o.orgs.get({ slug }))).toBe("NOT_FOUND");
    expect((await o.orgs.list()).map((r) => r.slug)).not.toContain(slug);
  });
});
