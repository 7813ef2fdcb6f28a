/**
 * Issue 13 over real HTTP handlers, a real database and the real local OAuth server standing in
 * for Google: POST /api/service/provider-tokens (AuthOS's decision table), the hosted grant page,
 * the provider's own login and consent forms, the one callback, the redirect back to the
 * service, and isolation from agent keys, other orgs and other services.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { flushWrites } from "@/db/write-batcher";
import { connections, orgAuditEvents, providerTokenRequests, serviceGrants, services } from "@/db/schema";
import * as providerTokensRoute from "@/app/api/service/provider-tokens/route";
import * as grantPage from "@/app/connect/provider-token/[state]/route";
import * as usersRoute from "@/app/api/service/users/route";
import * as analyticsRoute from "@/app/api/service/analytics/route";
import { BASE, fetchToken, newAgent, runCallback, startGoogleIdp } from "@/lib/testing/agent-flow";
import { completeLoginAndConsent } from "@/lib/testing/oidc-login";
import type { OidcServer } from "@/lib/testing/oidc-server";
import { makeOAuthConnection, makeUser, params, request, testDb } from "@/lib/testing/fixtures";
import { callerFor, codeOf } from "@/lib/testing/trpc-caller";
import { GET as contextSummary } from "@/app/ai/context/summary/route";
import { makeOrg, makeService, makeServiceKey, serviceRequest } from "@/lib/testing/org-fixtures";
import type { Organization, ServiceRow } from "@/db/schema";
import { checked } from "../support/openapi-check";

const providerTokens = checked(providerTokensRoute);
const users = checked(usersRoute);
const analytics = checked(analyticsRoute);

const DRIVE = "https://www.googleapis.com/auth/drive.readonly";
const CAL = "https://www.googleapis.com/auth/calendar.readonly";
const APP_CB = "https://app.example.test/after-grant?tab=1";

let db: Db;
let idp: OidcServer;
beforeAll(async () => {
  db = await testDb();
  idp = await startGoogleIdp();
});
afterAll(async () => {
  await idp?.stop();
});
beforeEach(() => {
  idp.setTokenEndpointFault(null);
  idp.resetCounts();
});

type Setup = { org: Organization; service: ServiceRow; key: string };
async function setup(opts: { scopes?: string[]; org?: Organization } = {}): Promise<Setup> {
  const org = opts.org ?? (await makeOrg(db)).org;
  const { service } = await makeService(db, org, { redirectUris: [APP_CB, "http://localhost:4000/cb"], providers: [{ provider: "google", scopes: opts.scopes ?? [DRIVE, CAL] }] });
  return { org, service, key: await makeServiceKey(db, org, service) };
}

async function linkUser(s: Setup, email: string): Promise<string> {
  const res = await users.POST(serviceRequest("/api/service/users", s.key, { method: "POST", body: { email } }));
  const body = (await res.json()) as { id?: string; user?: { id: string } };
  const id = body.id ?? body.user?.id;
  if (!id) throw new Error(`user create answered ${res.status}`);
  return id;
}

type Answer = Record<string, unknown> & { status?: string; code?: string; reauth_url?: string; missing_scopes?: string[]; access_token?: string; error_code?: string };
async function ask(s: Setup, body: Record<string, unknown>): Promise<{ http: number; body: Answer }> {
  const res = await providerTokens.POST(serviceRequest("/api/service/provider-tokens", s.key, { method: "POST", body }));
  return { http: res.status, body: (await res.json()) as Answer };
}

/** provider_token.* rows and grant stamps are queued after the answer (a microtask or two later), in batches: let them queue, then write them. */
async function settle() {
  await new Promise((resolve) => setImmediate(resolve));
  await flushWrites();
}

const stateOf = (reauthUrl: string) => reauthUrl.slice(`${BASE}/connect/provider-token/`.length);

/** The end user's browser: open the page, press Continue. Returns the provider URL and the callback cookie. */
async function continueFromPage(reauthUrl: string) {
  const state = stateOf(reauthUrl);
  const page = await grantPage.GET(new Request(reauthUrl), params({ state }));
  expect(page.status).toBe(200);
  const html = await page.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const csrfCookie = page.headers.getSetCookie()[0]?.split(";")[0] ?? "";
  const start = await grantPage.POST(
    new Request(reauthUrl, { method: "POST", headers: { origin: BASE, "sec-fetch-site": "same-origin", cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrf }).toString() }),
    params({ state }),
  );
  const cookie = start.headers.getSetCookie().find((c) => c.startsWith("akh_cb_"))?.split(";")[0] ?? "";
  return { html, start, location: start.headers.get("location") ?? "", cookie };
}

async function walk(reauthUrl: string, login: string, deny = false) {
  const flow = await continueFromPage(reauthUrl);
  expect(flow.start.status).toBe(303);
  const { callbackUrl } = await completeLoginAndConsent(flow.location, { login, deny });
  return runCallback(callbackUrl, flow.cookie);
}

describe("link required → hosted page → provider → back to the service → ok", () => {
  it("walks the whole grant and the token works at the provider", async () => {
    const s = await setup();
    const userId = await linkUser(s, "alice@example.test");
    const first = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE], state: "client-xyz" });
    expect(first.http).toBe(200);
    expect(first.body).toMatchObject({ status: "action_required", code: "PROVIDER_LINK_REQUIRED", missing_scopes: [DRIVE], provider: "google" });
    const reauth = String(first.body.reauth_url);
    expect(reauth).toMatch(/^http:\/\/localhost:3000\/connect\/provider-token\/[A-Za-z0-9_-]{43}$/);
    // Only the state's hash is stored.
    const [row] = await db.select().from(providerTokenRequests).where(eq(providerTokenRequests.serviceId, s.service.id));
    expect(row?.stateHash).not.toBe(stateOf(reauth));

    const flow = await continueFromPage(reauth);
    expect(flow.html).toContain("Test Service");
    expect(flow.html).toContain("Google");
    expect(flow.html).toContain(DRIVE);
    const authorize = new URL(flow.location);
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${BASE}/oauth/callback/google`);
    const { callbackUrl } = await completeLoginAndConsent(flow.location, { login: "alice" });
    const back = await runCallback(callbackUrl, flow.cookie);
    expect(back.status).toBe(303);
    const target = new URL(back.location);
    expect(`${target.origin}${target.pathname}`).toBe("https://app.example.test/after-grant");
    expect(Object.fromEntries(target.searchParams)).toEqual({ tab: "1", provider_grant: "success", provider: "google", state: "client-xyz" });

    const ok = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] });
    expect(ok.body).toMatchObject({ status: "ok", provider: "google", scopes: [DRIVE], account: { provider_user_id: "alice", email: "alice@example.test" } });
    expect(await idp.accessTokenWorks(String(ok.body.access_token))).toBe(true);
    await settle();
    const actions = (await db.select().from(orgAuditEvents).where(eq(orgAuditEvents.serviceId, s.service.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["provider_grant.created", "provider_token_request.completed", "provider_token.issued"]));
    const [grant] = await db.select().from(serviceGrants).where(eq(serviceGrants.serviceId, s.service.id));
    expect(grant?.lastUsedAt).not.toBeNull();
    const a = await analytics.GET(serviceRequest("/api/service/analytics", s.key));
    expect(await a.json()).toMatchObject({ total_logins_30d: 1 });

    // Replay: the used link is gone, and a second callback run changes nothing.
    const replay = await grantPage.GET(new Request(reauth), params({ state: stateOf(reauth) }));
    expect(replay.status).toBe(404);
    const again = await runCallback(callbackUrl, flow.cookie);
    expect(again.location).toContain("/connect/error");
  });

  it("scope upgrade → SCOPE_CONSENT_REQUIRED with the missing scope → consent → ok", async () => {
    const s = await setup();
    const userId = await linkUser(s, "bob@example.test");
    const first = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] });
    expect((await walk(String(first.body.reauth_url), "bob")).location).toContain("provider_grant=success");
    const more = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE, CAL] });
    expect(more.body).toMatchObject({ status: "action_required", code: "PROVIDER_SCOPE_CONSENT_REQUIRED", missing_scopes: [DRIVE, CAL] });
    expect((await walk(String(more.body.reauth_url), "bob")).location).toContain("provider_grant=success");
    const ok = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE, CAL] });
    expect(ok.body).toMatchObject({ status: "ok", scopes: [DRIVE, CAL] });
  });

  it("a verified email that is not the end user's is an error back to the service, and nothing is linked", async () => {
    const s = await setup();
    const userId = await linkUser(s, "carol@example.test");
    const first = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE], state: "s1" });
    const back = new URL((await walk(String(first.body.reauth_url), "mallory")).location);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ provider_grant: "error", error: "email_mismatch", provider: "google", state: "s1" });
    expect(await db.select().from(connections).where(eq(connections.endUserId, userId))).toHaveLength(0);
    expect((await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] })).body.code).toBe("PROVIDER_LINK_REQUIRED");
  });

  it("with the service's email check off, the same mismatch links the account", async () => {
    const s = await setup();
    await db.update(services).set({ verifyProviderEmail: false }).where(eq(services.id, s.service.id));
    const userId = await linkUser(s, "kim@example.test");
    const first = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] });
    expect((await walk(String(first.body.reauth_url), "someone-else")).location).toContain("provider_grant=success");
    expect((await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] })).body.status).toBe("ok");
  });

  it("a denial at the provider returns provider_grant=error&error=access_denied", async () => {
    const s = await setup();
    const userId = await linkUser(s, "dave@example.test");
    const first = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] });
    const back = new URL((await walk(String(first.body.reauth_url), "dave", true)).location);
    expect(back.searchParams.get("provider_grant")).toBe("error");
    expect(back.searchParams.get("error")).toBe("access_denied");
  });

  it("an expired request sends the browser back with request_expired; an unknown state is a 404", async () => {
    const s = await setup();
    const userId = await linkUser(s, "erin@example.test");
    const first = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] });
    await db.update(providerTokenRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(providerTokenRequests.serviceId, s.service.id));
    const reauth = String(first.body.reauth_url);
    const res = await grantPage.GET(new Request(reauth), params({ state: stateOf(reauth) }));
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get("location") ?? "").searchParams.get("error")).toBe("request_expired");
    const unknown = await grantPage.GET(new Request(`${BASE}/connect/provider-token/${"x".repeat(43)}`), params({ state: "x".repeat(43) }));
    expect(unknown.status).toBe(404);
  });
});

describe("refresh and re-authorization", () => {
  async function connected() {
    const s = await setup();
    const userId = await linkUser(s, "frank@example.test");
    const first = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] });
    await walk(String(first.body.reauth_url), "frank");
    await db.update(connections).set({ expiresAt: new Date(Date.now() + 10_000) }).where(eq(connections.endUserId, userId));
    idp.resetCounts();
    return { s, userId };
  }

  it("50 concurrent calls inside the margin make one refresh at the provider", async () => {
    const { s, userId } = await connected();
    const answers = await Promise.all(Array.from({ length: 50 }, () => ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] })));
    expect(answers.every((a) => a.body.status === "ok")).toBe(true);
    expect(idp.counts.refreshGrants).toBe(1);
    expect(new Set(answers.map((a) => a.body.access_token)).size).toBe(1);
    expect(await idp.accessTokenWorks(String(answers[0]?.body.access_token))).toBe(true);
    await settle();
    const actions = (await db.select().from(orgAuditEvents).where(eq(orgAuditEvents.serviceId, s.service.id))).map((e) => e.action);
    expect(actions.filter((a) => a === "provider_token.refreshed")).toHaveLength(1);
  });

  it("invalid_grant at refresh → PROVIDER_REAUTH_REQUIRED", async () => {
    const { s, userId } = await connected();
    idp.setTokenEndpointFault("invalid_grant");
    const res = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] });
    expect(res.body).toMatchObject({ status: "action_required", code: "PROVIDER_REAUTH_REQUIRED", missing_scopes: [] });
  });
});

describe("hard errors and the redirect URI", () => {
  it("answers 403 / 400 / 404 in AuthOS's body", async () => {
    const s = await setup();
    const userId = await linkUser(s, "gina@example.test");
    const notEnabled = await ask(s, { user_id: userId, provider: "github" });
    expect(notEnabled).toMatchObject({ http: 403, body: { error: "Service does not have github scopes configured", error_code: "FORBIDDEN" } });
    const outside = await ask(s, { user_id: userId, provider: "google", scopes: ["https://www.googleapis.com/auth/gmail.send"] });
    expect(outside).toMatchObject({ http: 400, body: { error_code: "BAD_REQUEST" } });
    const unknownUser = await ask(s, { user_id: "eu_nobody", provider: "google" });
    expect(unknownUser).toMatchObject({ http: 404, body: { error: "User not found or has not authenticated with this service" } });
    const badRedirect = await ask(s, { user_id: userId, provider: "google", redirect_uri: "https://evil.example/cb" });
    expect(badRedirect).toMatchObject({ http: 400, body: { error: "redirect_uri 'https://evil.example/cb' is not registered for this service" } });
    const narrowKey = await makeServiceKey(db, s.org, s.service, ["read:provider_tokens:github"]);
    const denied = await providerTokens.POST(serviceRequest("/api/service/provider-tokens", narrowKey, { method: "POST", body: { user_id: userId, provider: "google" } }));
    expect(denied.status).toBe(403);
    const perProvider = await makeServiceKey(db, s.org, s.service, ["read:provider_tokens:google"]);
    const allowed = await providerTokens.POST(serviceRequest("/api/service/provider-tokens", perProvider, { method: "POST", body: { user_id: userId, provider: "google" } }));
    expect(((await allowed.json()) as Answer).status).toBe("action_required");
  });
});

describe("isolation", () => {
  it("an end user's connection is invisible to agent keys, other services and other orgs; personal ones to service keys", async () => {
    const s = await setup();
    const userId = await linkUser(s, "alice@example.test");
    const first = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] });
    await walk(String(first.body.reauth_url), "alice");
    // An agent whose owner is NOT this end user sees nothing, even right after the grant (user_id filter).
    const agent = await newAgent(db);
    const viaAgent = await fetchToken(agent);
    expect(viaAgent.status).toBe(404);
    const context = await contextSummary(request("/ai/context/summary", { key: agent.key }), params({}));
    expect(await context.text()).not.toContain("alice");
    // The lookup itself: an end user's row has no user_id, so no agent key's owner can ever match it.
    const [row] = await db.select().from(connections).where(eq(connections.endUserId, userId));
    expect(row).toMatchObject({ userId: null, provider: "google" });
    // Another service of the same org: the same end user is not linked there → the unknown-user 404.
    const sibling = await setup({ org: s.org });
    expect((await ask(sibling, { user_id: userId, provider: "google", scopes: [DRIVE] })).http).toBe(404);
    // Linked to the sibling too, but no grant → GRANT_REQUIRED, never the token.
    await linkUser(sibling, "alice@example.test");
    expect((await ask(sibling, { user_id: userId, provider: "google", scopes: [DRIVE] })).body.code).toBe("PROVIDER_GRANT_REQUIRED");
    // Another org: 404 exactly like an unknown user.
    const stranger = await setup();
    const foreign = await ask(stranger, { user_id: userId, provider: "google", scopes: [DRIVE] });
    expect(foreign).toMatchObject({ http: 404, body: { error: "User not found or has not authenticated with this service" } });
    // A dashboard user's personal connection is never a service's: LINK_REQUIRED for an end user with the same email.
    const personal = await newAgent(db);
    await makeOAuthConnection(db, personal.userId, "google", { accountId: "henry", label: "henry@example.test", scopes: [DRIVE] });
    const henry = await linkUser(s, "henry@example.test");
    expect((await ask(s, { user_id: henry, provider: "google", scopes: [DRIVE] })).body.code).toBe("PROVIDER_LINK_REQUIRED");
    expect((await ask(s, { user_id: personal.userId, provider: "google" })).http).toBe(404);
  });
});

describe("an API-key provider end to end", () => {
  it("link required → paste form on the hosted page → back with success → ok with the key and type", async () => {
    const org = (await makeOrg(db)).org;
    const { service } = await makeService(db, org, { redirectUris: [APP_CB], providers: [{ provider: "openai" }] });
    const s = { org, service, key: await makeServiceKey(db, org, service) };
    const userId = await linkUser(s, "ivy@example.test");
    const first = await ask(s, { user_id: userId, provider: "openai", state: "k1" });
    expect(first.body).toMatchObject({ status: "action_required", code: "PROVIDER_LINK_REQUIRED", provider: "openai" });
    const reauth = String(first.body.reauth_url);
    const state = stateOf(reauth);
    const page = await grantPage.GET(new Request(reauth), params({ state }));
    const html = await page.text();
    expect(html).toContain('name="apiKey"');
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const cookie = page.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      grantPage.POST(
        new Request(reauth, { method: "POST", headers: { origin: BASE, "sec-fetch-site": "same-origin", cookie, "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(body).toString() }),
        params({ state }),
      );
    // Without this render's CSRF token, or cross-site, nothing is stored.
    expect((await post({ csrf: "x".repeat(43), apiKey: "sk-test-aaaaaaaaaaaaaaaaaaaaaaaa" })).status).toBe(403);
    expect((await post({ csrf, apiKey: "sk-test-aaaaaaaaaaaaaaaaaaaaaaaa" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(403);
    const done = await post({ csrf, apiKey: "sk-test-aaaaaaaaaaaaaaaaaaaaaaaa" });
    expect(done.status).toBe(303);
    expect(Object.fromEntries(new URL(done.headers.get("location") ?? "").searchParams)).toMatchObject({ provider_grant: "success", provider: "openai", state: "k1" });
    const ok = await ask(s, { user_id: userId, provider: "openai" });
    expect(ok.body).toMatchObject({ status: "ok", type: "api_key", access_token: "sk-test-aaaaaaaaaaaaaaaaaaaaaaaa", provider: "openai", expires_at: null, fields: {} });
    // Single use.
    expect((await post({ csrf, apiKey: "sk-test-bbbbbbbbbbbbbbbbbbbbbbbb" })).status).toBe(404);
  });
});

describe("dashboard: grants listed and revoked (tRPC)", () => {
  it("the org's service page lists the grant; an admin revokes it → GRANT_REQUIRED; a stranger cannot", async () => {
    const { org, ownerId } = await makeOrg(db);
    const s = await setup({ org });
    const userId = await linkUser(s, "lena@example.test");
    const first = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] });
    await walk(String(first.body.reauth_url), "lena");
    const owner = callerFor(db, ownerId);
    const view = await owner.services.get({ orgSlug: org.slug, serviceSlug: s.service.slug });
    const listed = view.endUsers.find((u) => u.id === userId)?.connections[0];
    expect(listed).toMatchObject({ provider: "google", scopes: [DRIVE] });
    const grantId = String(listed?.grantId);
    const stranger = await makeUser(db);
    expect(await codeOf(callerFor(db, stranger.id).services.revokeGrant({ orgSlug: org.slug, serviceSlug: s.service.slug, grantId }))).toBe("NOT_FOUND");
    await owner.services.revokeGrant({ orgSlug: org.slug, serviceSlug: s.service.slug, grantId });
    expect((await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] })).body.code).toBe("PROVIDER_GRANT_REQUIRED");
    const actions = (await db.select().from(orgAuditEvents).where(eq(orgAuditEvents.serviceId, s.service.id))).map((e) => e.action);
    expect(actions).toContain("provider_grant.revoked");
  });

  it("an admin disconnects the end user's account: revoked at the provider, deleted, LINK_REQUIRED; a member and another service cannot", async () => {
    const { org, ownerId } = await makeOrg(db);
    const s = await setup({ org });
    const other = await setup({ org });
    const userId = await linkUser(s, "nils@example.test");
    await walk(String((await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] })).body.reauth_url), "nils");
    const ok = await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] });
    expect(ok.body.status).toBe("ok");
    const owner = callerFor(db, ownerId);
    const listed = (await owner.services.get({ orgSlug: org.slug, serviceSlug: s.service.slug })).endUsers.find((u) => u.id === userId)?.connections[0];
    const connectionId = String(listed?.connectionId);
    expect(connectionId).toMatch(/^conn/);

    // Refused: a read-only member, a stranger, and the same org's other service (no grant on it).
    const member = await makeUser(db);
    const { token } = await owner.orgs.invite({ slug: org.slug, role: "member" });
    await callerFor(db, member.id).orgs.acceptInvitation({ token });
    expect(await codeOf(callerFor(db, member.id).services.disconnectEndUserAccount({ orgSlug: org.slug, serviceSlug: s.service.slug, connectionId }))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(db, (await makeUser(db)).id).services.disconnectEndUserAccount({ orgSlug: org.slug, serviceSlug: s.service.slug, connectionId }))).toBe("NOT_FOUND");
    expect(await codeOf(owner.services.disconnectEndUserAccount({ orgSlug: org.slug, serviceSlug: other.service.slug, connectionId }))).toBe("NOT_FOUND");
    expect(await idp.accessTokenWorks(String(ok.body.access_token))).toBe(true);

    const revocationsBefore = idp.counts.revocations;
    expect(await owner.services.disconnectEndUserAccount({ orgSlug: org.slug, serviceSlug: s.service.slug, connectionId })).toEqual({ provider: "google", revocation: "revoked" });
    expect(idp.counts.revocations).toBe(revocationsBefore + 1);
    expect(await idp.accessTokenWorks(String(ok.body.access_token))).toBe(false);
    expect(await db.select().from(connections).where(eq(connections.id, connectionId))).toEqual([]);
    expect((await ask(s, { user_id: userId, provider: "google", scopes: [DRIVE] })).body.code).toBe("PROVIDER_LINK_REQUIRED");
    const actions = (await db.select().from(orgAuditEvents).where(eq(orgAuditEvents.serviceId, s.service.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["provider_grant.revoked", "provider_account.unlinked"]));
    expect(await codeOf(owner.services.disconnectEndUserAccount({ orgSlug: org.slug, serviceSlug: s.service.slug, connectionId }))).toBe("NOT_FOUND");
  });
});
