/**
 * Issue 11 items 1-2 (SECURITY-REVIEW S1, S2, S6, S11, S18, S21): a connect link is used only
 * by its owner, signed in to the dashboard, from the page itself, once. Real route handlers, the
 * real proxy (per-render CSRF token), a real Auth.js session cookie minted with the test secret,
 * the real database and the real local OAuth server.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { auditEvents, connectSessions } from "@/db/schema";
import { submitCredentials } from "@/app/connect/[sessionId]/actions";
import { POST as createSession } from "@/app/oauth/sessions/route";
import { GET as sessionStatus } from "@/app/oauth/sessions/[sessionId]/route";
import { LINK_POST_REFUSALS } from "@/lib/connect/check-link-post";
import { createConnectSession } from "@/lib/connect/create-connect-session";
import { COMPLETED_LABEL_MS, loadConnectPage } from "@/lib/connect/load-connect-page";
import { sessionRef } from "@/lib/connect/session-ref";
import { resetEnvCache } from "@/lib/env";
import { BASE, fetchToken, humanStartsFlow, newAgent, post, runCallback, startGoogleIdp, type Agent } from "@/lib/testing/agent-flow";
import { makeKey, makeUser, params, request, testDb } from "@/lib/testing/fixtures";
import { LinkBrowser } from "@/lib/testing/link-browser";
import { actAs } from "@/lib/testing/next-headers-stub";
import { completeLoginAndConsent } from "@/lib/testing/oidc-login";
import type { OidcServer } from "@/lib/testing/oidc-server";

vi.mock("next/headers", () => import("@/lib/testing/next-headers-stub"));

let db: Db;
let idp: OidcServer;
beforeAll(async () => {
  db = await testDb();
  idp = await startGoogleIdp();
});
afterAll(async () => {
  delete process.env.AKHROT_EXTRA_SCOPES_GOOGLE;
  resetEnvCache();
  await idp?.stop();
});

/** An agent's fresh google link, opened by its owner (signed in) in a browser. */
async function ownerWithLink(provider = "google") {
  const agent = await newAgent(db);
  const created = await post(createSession, "/oauth/sessions", agent.key, { provider });
  expect(created.status).toBe(201);
  const sessionId = String(created.body.sessionId);
  const browser = await new LinkBrowser().signIn({ id: agent.userId });
  await browser.open(sessionId);
  return { agent, sessionId, browser };
}

const sessionRow = async (id: string) => (await db.select().from(connectSessions).where(eq(connectSessions.id, id)))[0];

async function statusOf(agent: Agent, sessionId: string) {
  const res = await sessionStatus(request(`/oauth/sessions/${sessionId}`, { key: agent.key }), params({ sessionId }));
  return { status: res.status, body: (await res.json()) as { status?: string; error?: { code: string } } };
}

const bindingSetCookies = (res: Response) => res.headers.getSetCookie().filter((c) => c.startsWith("akh_cb_"));

describe("S1: a cross-site POST to /connect/{id}/start is refused", () => {
  it.each([
    ["Origin evil + Sec-Fetch-Site cross-site", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
    ["Origin null", { origin: "null" }],
    ["no Origin + Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }],
    ["a sibling subdomain (same-site)", { origin: "http://evil.localhost:3000", "sec-fetch-site": "same-site" }],
  ])("S1: %s → 403, no binding cookie, still pending; the owner's own Continue then works", async (_, headers) => {
    const { agent, sessionId, browser } = await ownerWithLink();
    const res = await browser.start(sessionId, { headers });
    expect(res.status).toBe(403);
    expect(bindingSetCookies(res)).toEqual([]);
    expect((await statusOf(agent, sessionId)).body.status).toBe("pending");
    expect((await sessionRow(sessionId))?.startedAt).toBeNull();
    const control = await browser.start(sessionId);
    expect(control.status).toBe(303);
    expect(control.headers.get("location")).toMatch(new RegExp(`^${idp.issuer}`));
  });

  it.each([
    ["missing", null],
    ["wrong", "A".repeat(43)],
    ["garbage", "<script>"],
  ])("S1: a %s CSRF token is refused even from the same origin", async (_, csrf) => {
    const { sessionId, browser } = await ownerWithLink();
    const res = await browser.start(sessionId, { csrf });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(LINK_POST_REFUSALS.csrf);
    expect(bindingSetCookies(res)).toEqual([]);
  });

  it("S1: a token from another browser's render does not fit this browser's cookie", async () => {
    const { agent, sessionId, browser } = await ownerWithLink();
    const other = await new LinkBrowser().signIn({ id: agent.userId });
    const foreign = await other.open(sessionId);
    expect((await browser.start(sessionId, { csrf: foreign })).status).toBe(403);
  });

  it("S1: the paste form refuses a cross-site post and a missing token", async () => {
    const { sessionId, browser } = await ownerWithLink("openai");
    const csrf = browser.token(sessionId) ?? "";
    const form = (entries: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(entries)) f.set(k, v);
      return f;
    };
    actAs(browser, sessionId, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(await submitCredentials(sessionId, null, form({ csrf, apiKey: "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789" }))).toEqual({ ok: false, errors: { _form: LINK_POST_REFUSALS.cross_site } });
    actAs(browser, sessionId);
    expect(await submitCredentials(sessionId, null, form({ apiKey: "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789" }))).toEqual({ ok: false, errors: { _form: LINK_POST_REFUSALS.csrf } });
    expect((await sessionRow(sessionId))?.status).toBe("pending");
    // Control: the owner's own post from the page saves the key.
    expect(await submitCredentials(sessionId, null, form({ csrf, apiKey: "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789" }))).toMatchObject({ ok: true });
  });
});

describe("S2: a connect link works only for its owner, signed in", () => {
  it("S2: not signed in → Continue goes to the sign-in page with the link as callback; the page asks for sign-in", async () => {
    const agent = await newAgent(db);
    const sessionId = String((await post(createSession, "/oauth/sessions", agent.key, { provider: "google" })).body.sessionId);
    const stranger = new LinkBrowser();
    await stranger.open(sessionId);
    const res = await stranger.start(sessionId);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${BASE}/sign-in?callbackUrl=${encodeURIComponent(`/connect/${sessionId}`)}`);
    expect(bindingSetCookies(res)).toEqual([]);
    expect(await loadConnectPage(db, sessionId, undefined)).toEqual({ state: "sign_in" });
  });

  it("S2: another signed-in user is refused on the page and at start (403), and no email is named", async () => {
    const ownerEmail = `owner-${Date.now()}@corp.test`;
    const otherEmail = `other-${Date.now()}@corp.test`;
    const owner = await makeUser(db, ownerEmail);
    const key = (await makeKey(db, owner.id)).key;
    const sessionId = String((await post(createSession, "/oauth/sessions", key, { provider: "google" })).body.sessionId);
    const other = await makeUser(db, otherEmail);
    const browser = await new LinkBrowser().signIn({ id: other.id, email: otherEmail });
    await browser.open(sessionId);

    const page = await loadConnectPage(db, sessionId, other.id);
    expect(page).toEqual({ state: "other_user" });
    const res = await browser.start(sessionId);
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(body).toBe(LINK_POST_REFUSALS.other_user);
    for (const part of [ownerEmail, otherEmail, ownerEmail.split("@")[0] ?? "", "corp.test"]) expect(body).not.toContain(part);
    expect(bindingSetCookies(res)).toEqual([]);
    expect((await sessionRow(sessionId))?.startedAt).toBeNull();
  });

  it("S2: another signed-in user cannot paste a key into someone else's link", async () => {
    const owner = await newAgent(db);
    const sessionId = String((await post(createSession, "/oauth/sessions", owner.key, { provider: "openai" })).body.sessionId);
    const other = await makeUser(db);
    const browser = await new LinkBrowser().signIn({ id: other.id });
    const csrf = await browser.open(sessionId);
    actAs(browser, sessionId);
    const f = new FormData();
    f.set("csrf", csrf);
    f.set("apiKey", "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789");
    expect(await submitCredentials(sessionId, null, f)).toEqual({ ok: false, errors: { _form: LINK_POST_REFUSALS.other_user } });
    expect((await sessionRow(sessionId))?.status).toBe("pending");
  });

  it("S2: the owner's page names the agent key, the provider and the scopes", async () => {
    const { agent, sessionId } = await ownerWithLink();
    const page = await loadConnectPage(db, sessionId, agent.userId);
    expect(page).toMatchObject({ state: "pending", requestedBy: "test key", scopes: expect.arrayContaining(["openid"]) });
    expect(page.state === "pending" && page.provider.code).toBe("google");
  });
});

describe("S11: a link is armed once", () => {
  it("S11: a second Continue from another browser is refused (409) while the first browser completes at the real OAuth server", async () => {
    const { agent, sessionId, browser: first } = await ownerWithLink();
    const armed = await first.start(sessionId);
    expect(armed.status).toBe(303);
    const state1 = new URL(armed.headers.get("location") ?? "").searchParams.get("state");

    const second = await new LinkBrowser().signIn({ id: agent.userId });
    await second.open(sessionId);
    const refused = await second.start(sessionId);
    expect(refused.status).toBe(409);
    expect(bindingSetCookies(refused)).toEqual([]);
    const page = await loadConnectPage(db, sessionId, agent.userId, { browserBinding: undefined });
    expect(page).toMatchObject({ state: "pending", startedElsewhere: true });

    // The same browser may retry: a new state, the same binding.
    await first.open(sessionId);
    const retry = await first.start(sessionId);
    expect(retry.status).toBe(303);
    const location = retry.headers.get("location") ?? "";
    expect(new URL(location).searchParams.get("state")).not.toBe(state1);

    const { callbackUrl } = await completeLoginAndConsent(location, { login: "alice" });
    const cb = await runCallback(callbackUrl, first.callbackCookie());
    expect(cb.location).toBe(`${BASE}/connect/${sessionId}`);
    expect((await statusOf(agent, sessionId)).body.status).toBe("completed");
    expect((await fetchToken(agent)).status).toBe(200);
  });
});

describe("S6: scopes an agent may ask for", () => {
  it("S6: a scope the catalog does not list is 400 INVALID_REQUEST naming it", async () => {
    const agent = await newAgent(db);
    const res = await post(createSession, "/oauth/sessions", agent.key, { provider: "google", scopes: ["openid", "https://mail.google.com/"] });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("INVALID_REQUEST");
    expect(res.body.error?.message).toContain('"https://mail.google.com/"');
    expect(res.body.error?.message).toContain("AKHROT_EXTRA_SCOPES_GOOGLE");
  });

  it("S6: a catalog scope beyond the defaults is allowed, and the operator's extension list adds more", async () => {
    const agent = await newAgent(db);
    expect((await post(createSession, "/oauth/sessions", agent.key, { provider: "google", scopes: ["https://www.googleapis.com/auth/gmail.readonly"] })).status).toBe(201);
    process.env.AKHROT_EXTRA_SCOPES_GOOGLE = "https://mail.google.com/, https://www.googleapis.com/auth/tasks";
    resetEnvCache();
    try {
      expect((await post(createSession, "/oauth/sessions", agent.key, { provider: "google", scopes: ["https://mail.google.com/"] })).status).toBe(201);
    } finally {
      delete process.env.AKHROT_EXTRA_SCOPES_GOOGLE;
      resetEnvCache();
    }
  });

  it("S6: include_granted_scopes only once the owner holds a google connection", async () => {
    const agent = await newAgent(db);
    const first = await humanStartsFlow(agent);
    expect(new URL(first.location).searchParams.has("include_granted_scopes")).toBe(false);
    const { callbackUrl } = await completeLoginAndConsent(first.location, { login: "alice" });
    await runCallback(callbackUrl, first.cookie);
    const second = await humanStartsFlow(agent);
    expect(new URL(second.location).searchParams.get("include_granted_scopes")).toBe("true");
  });
});

describe("S21: what a session and a finished link still show", () => {
  it("S21: a key restricted to github cannot read the user's google session (404 like a missing one)", async () => {
    const user = await makeUser(db);
    const google = await createConnectSession(db, { userId: user.id }, { provider: "google" }, BASE, "dashboard");
    const { key } = await makeKey(db, user.id, { providers: ["github"] });
    const res = await sessionStatus(request(`/oauth/sessions/${google.sessionId}`, { key }), params({ sessionId: google.sessionId }));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    const { key: unrestricted } = await makeKey(db, user.id);
    expect((await sessionStatus(request(`/oauth/sessions/${google.sessionId}`, { key: unrestricted }), params({ sessionId: google.sessionId }))).status).toBe(200);
  });

  it("S21: a completed link stops naming the connected account 10 minutes after completion", async () => {
    const agent = await newAgent(db);
    const flow = await humanStartsFlow(agent);
    const { callbackUrl } = await completeLoginAndConsent(flow.location, { login: "alice" });
    await runCallback(callbackUrl, flow.cookie);
    const completedAt = (await sessionRow(flow.sessionId))?.completedAt ?? new Date();
    const soon = await loadConnectPage(db, flow.sessionId, agent.userId, { now: new Date(completedAt.getTime() + 60_000) });
    expect(soon).toMatchObject({ state: "completed", accountLabel: expect.stringContaining("alice") });
    const later = await loadConnectPage(db, flow.sessionId, agent.userId, { now: new Date(completedAt.getTime() + COMPLETED_LABEL_MS + 60_000) });
    expect(later).toMatchObject({ state: "completed", accountLabel: null });
  });
});

describe("S18: audit rows keep no live session id", () => {
  it("S18: session.create stores a digest reference, not the session id", async () => {
    const agent = await newAgent(db);
    const sessionId = String((await post(createSession, "/oauth/sessions", agent.key, { provider: "google" })).body.sessionId);
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.userId, agent.userId));
    const created = rows.find((r) => r.action === "session.create");
    expect(created?.detail).toMatchObject({ sessionRef: sessionRef(sessionId) });
    expect(JSON.stringify(rows)).not.toContain(sessionId);
    expect(JSON.stringify(rows)).not.toContain(sessionId.slice(3));
  });
});
