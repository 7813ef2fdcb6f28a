/**
 * Issue 17 item 4: which account agents get is explicit. The first account of a provider is
 * the default; a second one asks on the hosted page (naming the current default) and moves
 * the default only on an explicit "yes"; the summary (markdown and JSON) and /tokens/fetch
 * without `account` follow the stored flag; disconnecting the default names a successor.
 * Real route handlers, the real paste-form server action, the real OAuth server as Google.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { connections, connectSessions } from "@/db/schema";
import { submitCredentials } from "@/app/connect/[sessionId]/actions";
import { POST as dashboardConnect } from "@/app/dashboard/connect/[provider]/route";
import { GET as summaryRoute } from "@/app/ai/context/summary/route";
import { POST as createSession } from "@/app/oauth/sessions/route";
import type { SessionUser } from "@/lib/auth/require-user";
import { DEFAULT_CHOICE_FIELD } from "@/lib/connect/default-choice";
import { loadConnectPage } from "@/lib/connect/load-connect-page";
import { disconnectConnection } from "@/lib/connections/disconnect-connection";
import { BASE, connect, fetchToken, newAgent, post, startGoogleIdp, type Agent } from "@/lib/testing/agent-flow";
import { params, request, testDb } from "@/lib/testing/fixtures";
import { LinkBrowser, SAME_ORIGIN } from "@/lib/testing/link-browser";
import { actAs } from "@/lib/testing/next-headers-stub";
import type { OidcServer } from "@/lib/testing/oidc-server";

vi.mock("next/headers", () => import("@/lib/testing/next-headers-stub"));
const signedIn = vi.hoisted(() => ({ user: undefined as SessionUser | undefined }));
// Only the dashboard route's session lookup is replaced (a route handler test carries no next-auth cookie); the hosted page's own checks run for real.
vi.mock("@/lib/auth/require-user", async (original) => {
  const real = await original<typeof import("@/lib/auth/require-user")>();
  return { ...real, currentUser: async () => signedIn.user ?? (await real.currentUser()) };
});

let db: Db;
let idp: OidcServer;
beforeAll(async () => {
  db = await testDb();
  idp = await startGoogleIdp();
});
afterAll(async () => {
  await idp?.stop();
});

const KEYS = { a: "sk-proj-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa000A", b: "sk-proj-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb000B", c: "sk-proj-cccccccccccccccccccccccccccccccc000C" };

function form(entries: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
}

/** The agent's link, opened by its owner; returns what the page shows and a paste function. */
async function openLink(agent: Agent, provider = "openai") {
  const created = await post(createSession, "/oauth/sessions", agent.key, { provider });
  const sessionId = String(created.body.sessionId);
  const browser = await new LinkBrowser().signIn({ id: agent.userId });
  const csrf = await browser.open(sessionId);
  const page = await loadConnectPage(db, sessionId, agent.userId);
  const paste = (apiKey: string, extra: Record<string, string> = {}) => {
    actAs(browser, sessionId);
    return submitCredentials(sessionId, null, form({ csrf, apiKey, ...extra }));
  };
  return { sessionId, page, paste };
}

async function summary(agent: Agent) {
  const markdown = await (await summaryRoute(request("/ai/context/summary", { key: agent.key }))).text();
  const json = (await (await summaryRoute(request("/ai/context/summary", { key: agent.key, headers: { accept: "application/json" } }))).json()) as {
    connected: { provider: string; accounts: { label: string; isDefault: boolean }[] }[];
  };
  return { markdown, accounts: json.connected.find((c) => c.provider === "openai")?.accounts ?? [] };
}

const defaults = async (userId: string, provider: string) =>
  (await db.select().from(connections).where(and(eq(connections.userId, userId), eq(connections.provider, provider)))).filter((c) => c.isDefault).map((c) => c.accountLabel);

describe("paste form: a second key asks, and only an explicit yes moves the default", () => {
  it("first key is the default with no question; a second keeps it unless chosen; the summary and /tokens/fetch follow", async () => {
    const agent = await newAgent(db);
    const first = await openLink(agent);
    expect(first.page).toMatchObject({ state: "pending" });
    expect(first.page).not.toHaveProperty("currentDefault");
    expect(await first.paste(KEYS.a)).toEqual({ ok: true, isDefault: true, defaultLabel: "OpenAI …000A" });

    const second = await openLink(agent);
    expect(second.page).toMatchObject({ state: "pending", currentDefault: "OpenAI …000A" });
    expect(await second.paste(KEYS.b, { [DEFAULT_CHOICE_FIELD]: "no" })).toEqual({ ok: true, isDefault: false, defaultLabel: "OpenAI …000A" });
    expect(await defaults(agent.userId, "openai")).toEqual(["OpenAI …000A"]);
    expect((await fetchToken(agent, { provider: "openai" })).body).toMatchObject({ accessToken: KEYS.a });
    let s = await summary(agent);
    expect(s.markdown).toContain("- openai OpenAI …000A (default), OpenAI …000B:");
    expect(s.accounts).toEqual([expect.objectContaining({ label: "OpenAI …000A", isDefault: true }), expect.objectContaining({ label: "OpenAI …000B", isDefault: false })]);

    const third = await openLink(agent);
    expect(third.page).toMatchObject({ currentDefault: "OpenAI …000A" });
    expect(await third.paste(KEYS.c, { [DEFAULT_CHOICE_FIELD]: "yes" })).toEqual({ ok: true, isDefault: true, defaultLabel: "OpenAI …000C" });
    expect(await defaults(agent.userId, "openai")).toEqual(["OpenAI …000C"]);
    expect((await fetchToken(agent, { provider: "openai" })).body).toMatchObject({ accessToken: KEYS.c });
    s = await summary(agent);
    expect(s.markdown).toContain("OpenAI …000C (default)");
    expect(s.accounts.filter((a) => a.isDefault).map((a) => a.label)).toEqual(["OpenAI …000C"]);
    // `account` still selects any of them.
    expect((await fetchToken(agent, { provider: "openai", account: "OpenAI …000B" })).body).toMatchObject({ accessToken: KEYS.b });
  });

  it("no answer at all (an old page, a script) keeps the current default", async () => {
    const agent = await newAgent(db);
    await (await openLink(agent)).paste(KEYS.a);
    expect(await (await openLink(agent)).paste(KEYS.b)).toMatchObject({ ok: true, isDefault: false });
    expect(await defaults(agent.userId, "openai")).toEqual(["OpenAI …000A"]);
  });

  it("disconnecting the default names the newest remaining account as the default", async () => {
    const agent = await newAgent(db);
    await (await openLink(agent)).paste(KEYS.a);
    await (await openLink(agent)).paste(KEYS.b);
    await (await openLink(agent)).paste(KEYS.c);
    const [a] = await db.select().from(connections).where(and(eq(connections.userId, agent.userId), eq(connections.accountLabel, "OpenAI …000A")));
    expect((await disconnectConnection(db, agent.userId, a?.id ?? "")).deleted).toBe(true);
    expect(await defaults(agent.userId, "openai")).toEqual(["OpenAI …000C"]);
    expect((await summary(agent)).markdown).toContain("OpenAI …000C (default)");
  });

  it("tenant boundary: another user's accounts are never named, nor their default moved", async () => {
    const mallory = await newAgent(db);
    await (await openLink(mallory)).paste(KEYS.a);
    const alice = await newAgent(db);
    const link = await openLink(alice);
    expect(link.page).not.toHaveProperty("currentDefault");
    expect(await link.paste(KEYS.b, { [DEFAULT_CHOICE_FIELD]: "yes" })).toMatchObject({ ok: true, isDefault: true });
    expect(await defaults(mallory.userId, "openai")).toEqual(["OpenAI …000A"]);
    expect(await loadConnectPage(db, link.sessionId, mallory.userId)).toEqual({ state: "other_user" });
  });
});

describe("OAuth: the answer given at Continue is applied when the callback saves the account", () => {
  it("a second Google account stays secondary unless the person chose it; the done page says which one agents get", async () => {
    const agent = await newAgent(db);
    await connect(agent, "carol");
    expect(await defaults(agent.userId, "google")).toEqual(["carol@example.test"]);

    const kept = await connect(agent, "dave");
    expect(await defaults(agent.userId, "google")).toEqual(["carol@example.test"]);
    expect((await fetchToken(agent)).body.account).toMatchObject({ id: "carol" });
    expect(await loadConnectPage(db, kept.sessionId, agent.userId)).toMatchObject({ state: "completed", accountLabel: "dave@example.test", isDefault: false, defaultLabel: "carol@example.test" });

    const chosen = await connect(agent, "erin", { [DEFAULT_CHOICE_FIELD]: "yes" });
    const [session] = await db.select().from(connectSessions).where(eq(connectSessions.id, chosen.sessionId));
    expect(session?.makeDefault).toBe(true);
    expect(await defaults(agent.userId, "google")).toEqual(["erin@example.test"]);
    expect((await fetchToken(agent)).body.account).toMatchObject({ id: "erin" });
    expect(await loadConnectPage(db, chosen.sessionId, agent.userId)).toMatchObject({ state: "completed", isDefault: true, defaultLabel: null });
  });

  it("the dashboard's Add account goes through the hosted page (which asks); Reconnect goes straight to the provider", async () => {
    const agent = await newAgent(db);
    signedIn.user = { id: agent.userId, email: "owner@example.test" } as SessionUser;
    const dashboardPost = (body: Record<string, string>) =>
      dashboardConnect(request("/dashboard/connect/google", { method: "POST", body: new URLSearchParams(body), headers: SAME_ORIGIN }), params({ provider: "google" }));
    const firstAdd = await dashboardPost({});
    expect(new URL(firstAdd.headers.get("location") ?? "").origin).toBe(new URL(idp.urls.authorization).origin);
    await connect(agent, "frank");
    const add = await dashboardPost({});
    expect(add.status).toBe(303);
    const hosted = add.headers.get("location") ?? "";
    expect(hosted).toMatch(new RegExp(`^${BASE}/connect/cs_`));
    expect(await loadConnectPage(db, hosted.split("/").pop() ?? "", agent.userId)).toMatchObject({ state: "pending", currentDefault: "frank@example.test" });
    const reconnect = await dashboardPost({ intent: "reconnect" });
    expect(new URL(reconnect.headers.get("location") ?? "").origin).toBe(new URL(idp.urls.authorization).origin);
    signedIn.user = undefined;
  });
});
