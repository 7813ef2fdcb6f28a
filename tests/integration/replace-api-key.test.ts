/**
 * "Replace key" on the Connections page: the dashboard connect route (signed in), the
 * session it creates, the hosted paste form's submit and what /tokens/fetch answers after.
 * Only the session lookup is replaced (a test cannot carry a next-auth cookie into a route
 * handler); the database is the real one.
 */
import { eq, inArray } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { auditEvents, connections, connectSessions } from "@/db/schema";
import { POST as dashboardConnect } from "@/app/dashboard/connect/[provider]/route";
import { POST as createSession } from "@/app/oauth/sessions/route";
import { POST as fetchTokenRoute } from "@/app/tokens/fetch/route";
import type { SessionUser } from "@/lib/auth/require-user";
import { createConnectSession } from "@/lib/connect/create-connect-session";
import { loadConnectPage } from "@/lib/connect/load-connect-page";
import { submitHostedCredentials } from "@/lib/connect/submit-hosted-credentials";
import { makeKey, makeOAuthConnection, makeUser, params, request, testDb } from "@/lib/testing/fixtures";
import { callerFor } from "@/lib/testing/trpc-caller";

const signedIn = vi.hoisted(() => ({ user: undefined as SessionUser | undefined }));
vi.mock("@/lib/auth/require-user", () => ({ currentUser: async () => signedIn.user, requireUser: async () => signedIn.user }));

const BASE = "http://localhost:3000";
let db: Db;
beforeAll(async () => {
  db = await testDb();
});
beforeEach(() => {
  signedIn.user = undefined;
});

const OLD_KEY = "sk-proj-oldoldoldoldoldoldoldoldoldold0001";
const NEW_KEY = "sk-proj-newnewnewnewnewnewnewnewnewnew0002";
const OTHER_KEY = "sk-proj-otherotherotherotherotherother0003";

type Agent = { userId: string; email: string; key: string };

async function agent(): Promise<Agent> {
  const user = await makeUser(db);
  return { userId: user.id, email: user.email, key: (await makeKey(db, user.id)).key };
}

/** The agent's link + the human's paste: an OpenAI (or other) connection, as the existing flow makes it. */
async function connect(a: Agent, provider: string, values: Record<string, string>): Promise<string> {
  const res = await createSession(request("/oauth/sessions", { method: "POST", key: a.key, body: JSON.stringify({ provider }) }));
  const { sessionId } = (await res.json()) as { sessionId: string };
  expect(await submitHostedCredentials(db, sessionId, values)).toMatchObject({ ok: true });
  const [session] = await db.select().from(connectSessions).where(eq(connectSessions.id, sessionId));
  if (!session?.connectionId) throw new Error("the paste completed no connection");
  return session.connectionId;
}

async function fetchOpenAi(a: Agent, account?: string) {
  const res = await fetchTokenRoute(request("/tokens/fetch", { method: "POST", key: a.key, body: JSON.stringify({ provider: "openai", account }) }));
  return { status: res.status, body: (await res.json()) as { accessToken?: string; connectionId?: string; account?: { id: string; label: string } } };
}

/** A replace session as the dashboard route creates it (the lib call behind it). */
async function replaceSession(a: Agent, provider: string, connectionId: string): Promise<string> {
  return (await createConnectSession(db, { userId: a.userId }, { provider, replaceConnectionId: connectionId }, BASE, "dashboard")).sessionId;
}

const rowOf = async (id: string) => (await db.select().from(connections).where(eq(connections.id, id)))[0];
const sessionsOf = (userId: string) => db.select().from(connectSessions).where(eq(connectSessions.userId, userId));

function dashboardPost(provider: string, form: Record<string, string>) {
  return dashboardConnect(request(`/dashboard/connect/${provider}`, { method: "POST", body: new URLSearchParams(form), headers: { origin: BASE } }), params({ provider }));
}

describe("Replace key → same connection, new key", () => {
  it("keeps the id and the default flag; /tokens/fetch returns the new key; the activity says so without the key", async () => {
    const a = await agent();
    const first = await connect(a, "openai", { apiKey: OLD_KEY });
    const second = await connect(a, "openai", { apiKey: OTHER_KEY });
    await callerFor(db, a.userId).connections.setDefault({ id: first });
    const before = await rowOf(first);

    const sessionId = await replaceSession(a, "openai", first);
    const page = await loadConnectPage(db, sessionId, a.userId);
    expect(page).toMatchObject({ state: "pending", replacing: "OpenAI …0001" });
    expect(await submitHostedCredentials(db, sessionId, { apiKey: NEW_KEY })).toEqual({ ok: true, replaced: { provider: "openai" } });

    const after = await rowOf(first);
    expect(after).toMatchObject({ id: first, isDefault: true, status: "active", accountLabel: "OpenAI …0002", createdAt: before?.createdAt });
    expect(after?.accountId).toMatch(/^fp_[0-9a-f]{16}$/);
    expect(after?.accountId).not.toBe(before?.accountId);
    expect(after?.fieldsEnc).not.toBe(before?.fieldsEnc);
    expect(await db.select().from(connections).where(eq(connections.userId, a.userId))).toHaveLength(2);

    const fetched = await fetchOpenAi(a);
    expect(fetched).toMatchObject({ status: 200, body: { accessToken: NEW_KEY, connectionId: first, account: { id: after?.accountId, label: "OpenAI …0002" } } });
    expect((await fetchOpenAi(a, before?.accountId)).status).toBe(404); // the old key is gone
    expect((await rowOf(second))?.accountLabel).toBe("OpenAI …0003");

    const [done] = (await sessionsOf(a.userId)).filter((s) => s.id === sessionId);
    expect(done).toMatchObject({ status: "completed", connectionId: first, replaceConnectionId: first });
    const events = await db.select().from(auditEvents).where(eq(auditEvents.userId, a.userId));
    expect(events.filter((e) => e.action === "connection.replace")).toEqual([expect.objectContaining({ connectionId: first, provider: "openai", detail: { account: "OpenAI …0002" } })]);
    expect(JSON.stringify(events)).not.toContain(NEW_KEY.slice(8, 30));
    expect(JSON.stringify(events)).not.toContain(OLD_KEY.slice(8, 30));
  });

  it("pasting the same key again is a replace of itself, not a duplicate", async () => {
    const a = await agent();
    const id = await connect(a, "openai", { apiKey: OLD_KEY });
    expect(await submitHostedCredentials(db, await replaceSession(a, "openai", id), { apiKey: OLD_KEY })).toMatchObject({ ok: true });
    expect((await rowOf(id))?.accountLabel).toBe("OpenAI …0001");
  });

  it("a key already connected as another account → a form error, nothing changed, the link stays usable", async () => {
    const a = await agent();
    const first = await connect(a, "openai", { apiKey: OLD_KEY });
    await connect(a, "openai", { apiKey: OTHER_KEY });
    const before = await rowOf(first);
    const sessionId = await replaceSession(a, "openai", first);
    expect(await submitHostedCredentials(db, sessionId, { apiKey: OTHER_KEY })).toEqual({ ok: false, errors: { _form: "This key is already connected as OpenAI …0003." } });
    expect(await rowOf(first)).toEqual(before);
    expect(await submitHostedCredentials(db, sessionId, { apiKey: NEW_KEY })).toMatchObject({ ok: true });
  });

  it("the connection was disconnected after the link was made → a form error, nothing created", async () => {
    const a = await agent();
    const id = await connect(a, "openai", { apiKey: OLD_KEY });
    const sessionId = await replaceSession(a, "openai", id);
    await callerFor(db, a.userId).connections.disconnect({ id });
    expect(await loadConnectPage(db, sessionId, a.userId)).toMatchObject({ state: "pending", replacing: "your OpenAI key" });
    const result = await submitHostedCredentials(db, sessionId, { apiKey: NEW_KEY });
    expect(result).toEqual({ ok: false, errors: { _form: expect.stringMatching(/^The connection whose key you are replacing was disconnected, so nothing was saved\./) } });
    expect(await db.select().from(connections).where(eq(connections.userId, a.userId))).toHaveLength(0);
    expect((await fetchOpenAi(a)).status).toBe(404);
  });

  it("validation still applies: a malformed key is refused on its field and the key is kept", async () => {
    const a = await agent();
    const id = await connect(a, "openai", { apiKey: OLD_KEY });
    const result = await submitHostedCredentials(db, await replaceSession(a, "openai", id), { apiKey: "not-a-key" });
    expect(result).toMatchObject({ ok: false, errors: { apiKey: expect.stringMatching(/OpenAI keys start with sk-/) } });
    expect((await fetchOpenAi(a)).body.accessToken).toBe(OLD_KEY);
  });
});

describe("who may replace what: refused before a session exists", () => {
  async function setup() {
    const a = await agent();
    const b = await agent();
    const own = await connect(a, "openai", { apiKey: OLD_KEY });
    const theirs = await connect(b, "openai", { apiKey: OTHER_KEY });
    const oauth = (await makeOAuthConnection(db, a.userId, "github", { label: "octo" })).id;
    const anthropic = await connect(a, "anthropic", { apiKey: `sk-ant-api03-${"a".repeat(40)}` });
    return { a, b, own, theirs, oauth, anthropic };
  }

  it.each([
    ["another user's connection", "openai", "theirs"],
    ["an OAuth connection", "github", "oauth"],
    ["an OAuth connection under an API-key provider", "openai", "oauth"],
    ["a connection of another provider", "anthropic", "own"],
    ["an API-key connection named under the wrong provider", "openai", "anthropic"],
    ["an id that does not exist", "openai", "missing"],
  ] as const)("%s (%s) → INTEGRATION_NOT_FOUND, no session, nothing changed", async (_what, provider, which) => {
    const s = await setup();
    const ids = { theirs: s.theirs, oauth: s.oauth, own: s.own, anthropic: s.anthropic, missing: "conn_doesnotexist0000000000" };
    // Only these two users' rows: other tests' last-use stamps land off the response path.
    const rowsOfBoth = () => db.select().from(connections).where(inArray(connections.userId, [s.a.userId, s.b.userId])).orderBy(connections.id);
    const before = await rowsOfBoth();
    const sessionsBefore = (await sessionsOf(s.a.userId)).length;
    await expect(replaceSession(s.a, provider, ids[which])).rejects.toMatchObject({ code: "INTEGRATION_NOT_FOUND" });

    signedIn.user = { id: s.a.userId, email: s.a.email, name: null };
    const res = await dashboardPost(provider, { replace: ids[which] });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${BASE}/dashboard/connections?error=INTEGRATION_NOT_FOUND&provider=${provider}`);
    expect((await sessionsOf(s.a.userId)).length).toBe(sessionsBefore);
    expect(await rowsOfBoth()).toEqual(before);
  });

  it("the dashboard route, signed in as the owner: a replace session, then the hosted paste form", async () => {
    const a = await agent();
    const id = await connect(a, "openai", { apiKey: OLD_KEY });
    signedIn.user = { id: a.userId, email: a.email, name: null };
    const res = await dashboardPost("openai", { replace: id });
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(new RegExp(`^${BASE}/connect/cs_[0-9A-Za-z]{22}$`));
    const sessionId = location.split("/").at(-1) ?? "";
    const [session] = (await sessionsOf(a.userId)).filter((x) => x.id === sessionId);
    expect(session).toMatchObject({ provider: "openai", returnTo: "dashboard", replaceConnectionId: id, apiKeyId: null });
    expect(await submitHostedCredentials(db, sessionId, { apiKey: NEW_KEY })).toMatchObject({ ok: true });
    expect((await fetchOpenAi(a)).body).toMatchObject({ accessToken: NEW_KEY, connectionId: id });
  });

  it("the dashboard route: a plain Connect still works, a malformed replace field is refused, signed out goes to sign-in", async () => {
    const a = await agent();
    const res = await dashboardPost("openai", { replace: "x".repeat(65) });
    expect(res.headers.get("location")).toBe(`${BASE}/sign-in`);
    signedIn.user = { id: a.userId, email: a.email, name: null };
    expect((await dashboardPost("openai", { replace: "x".repeat(65) })).headers.get("location")).toBe(`${BASE}/dashboard/connections?error=INVALID_REQUEST&provider=openai`);
    const plain = await dashboardConnect(request("/dashboard/connect/openai", { method: "POST" }), params({ provider: "openai" }));
    expect(plain.headers.get("location")).toMatch(/\/connect\/cs_/);
    const [session] = await sessionsOf(a.userId);
    expect(session?.replaceConnectionId).toBeNull();
  });

  it("an agent cannot ask for a replace session: POST /oauth/sessions keeps its strict contract", async () => {
    const a = await agent();
    const id = await connect(a, "openai", { apiKey: OLD_KEY });
    const res = await createSession(request("/oauth/sessions", { method: "POST", key: a.key, body: JSON.stringify({ provider: "openai", replaceConnectionId: id }) }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("INVALID_REQUEST");
  });
});
