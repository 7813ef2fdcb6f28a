/**
 * Issue 13, Telegram on the hosted grant flow: a service asks for an end user's Telegram
 * session, the end user walks the grant page, signs in with phone → code → 2FA password
 * through the SAME step code as an agent's link (lib/telegram), and the browser goes back to
 * the service with provider_grant=success; provider-tokens then answers ok with the session.
 * Real route handlers, a real database and Redis; the only stand-in is the MTProto transport
 * (FakeTelegramServer), as in telegram-login.test.ts: Telegram's data centres are out of reach.
 * Each step is refused unless it comes from the browser the request was armed to (its binding
 * cookie), same-origin, with the link's CSRF token.
 */
import { eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { connectSessions, orgAuditEvents } from "@/db/schema";
import * as providerTokensRoute from "@/app/api/service/provider-tokens/route";
import * as grantPage from "@/app/connect/provider-token/[state]/route";
import * as usersRoute from "@/app/api/service/users/route";
import { resetEnvCache } from "@/lib/env";
import { TOO_MANY_ATTEMPTS } from "@/lib/api/ip-limit";
import { GRANT_STEP_REFUSALS, grantTelegramStep, loadGrantTelegram } from "@/lib/provider-tokens/grant-telegram";
import { resetLimiter } from "@/lib/ratelimit";
import { TOO_MANY_CODES } from "@/lib/telegram/code-limit";
import { FakeTelegramServer } from "@/lib/telegram/testing/fake-mtproto-server";
import type { TelegramLoginView } from "@/lib/telegram/telegram-login-view";
import { captureLogs, type CapturedLogs } from "@/lib/testing/capture-logs";
import { params, testDb } from "@/lib/testing/fixtures";
import { makeOrg, makeService, makeServiceKey, serviceRequest } from "@/lib/testing/org-fixtures";
import { awayFromWindowEdge } from "@/lib/testing/rate-window";
import { SAME_ORIGIN, TEST_BASE } from "@/lib/testing/test-origin";
import type { ServiceRow } from "@/db/schema";
import { setRequestHeaders } from "@/lib/testing/next-headers-stub";
import GrantTelegramPage from "@/app/connect/provider-token/[state]/telegram/page";
import { checked } from "../support/openapi-check";

// The page reads its request through next/headers; outside a running Next there is none.
vi.mock("next/headers", () => import("@/lib/testing/next-headers-stub"));

const providerTokens = checked(providerTokensRoute);
const users = checked(usersRoute);

const API_ID = "123456";
const API_HASH = "0123456789abcdef0123456789abcdef";
const PASSWORD = "correct horse battery staple";
const APP_CB = "https://app.example.test/after-grant?tab=1";
const PER_IP = 20;

/** Numbers and client addresses of their own per run: the limits outlive the run in Redis. */
const newPhone = () => `4477009${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`;
const newIp = () => `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

let db: Db;
let logs: CapturedLogs;
beforeAll(async () => {
  db = await testDb();
  logs = captureLogs();
  process.env.AKHROT_TRUSTED_PROXIES = "1";
  process.env.RATE_LIMIT_PUBLIC_PER_MINUTE = String(PER_IP);
});
beforeEach(() => {
  Object.assign(process.env, { TELEGRAM_API_ID: API_ID, TELEGRAM_API_HASH: API_HASH, TELEGRAM_CODES_PER_HOUR: "1000" });
  resetEnvCache();
  resetLimiter();
});
afterAll(() => {
  for (const k of ["TELEGRAM_API_ID", "TELEGRAM_API_HASH", "AKHROT_TRUSTED_PROXIES", "RATE_LIMIT_PUBLIC_PER_MINUTE"]) delete process.env[k];
  process.env.TELEGRAM_CODES_PER_HOUR = "1000";
  resetEnvCache();
  resetLimiter();
  logs.restore();
});

type Setup = { service: ServiceRow; key: string; userId: string };
async function setup(): Promise<Setup> {
  const { org } = await makeOrg(db);
  const { service } = await makeService(db, org, { redirectUris: [APP_CB], providers: [{ provider: "telegram" }] });
  const key = await makeServiceKey(db, org, service);
  const res = await users.POST(serviceRequest("/api/service/users", key, { method: "POST", body: { email: `tg-${Math.random().toString(36).slice(2)}@example.test` } }));
  const body = (await res.json()) as { id?: string; user?: { id: string } };
  return { service, key, userId: body.id ?? body.user?.id ?? "" };
}

async function ask(s: Setup, body: Record<string, unknown>) {
  const res = await providerTokens.POST(serviceRequest("/api/service/provider-tokens", s.key, { method: "POST", body }));
  return (await res.json()) as Record<string, unknown>;
}

/** One browser: its own cookie jar and client address. */
class Browser {
  jar = new Map<string, string>();
  ip = newIp();
  keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) this.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  cookie = () => [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  headers = (extra: Record<string, string> = SAME_ORIGIN) => ({ ...extra, cookie: this.cookie(), "x-forwarded-for": this.ip });
}

/** Open the grant link; returns the page's CSRF token. */
async function open(b: Browser, reauth: string, state: string): Promise<{ html: string; csrf: string }> {
  const page = await grantPage.GET(new Request(reauth, { headers: b.headers({}) }), params({ state }));
  expect(page.status).toBe(200);
  b.keep(page);
  const html = await page.text();
  return { html, csrf: /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "" };
}

/** Press "Sign in with your phone number". */
async function pressPhoneLogin(b: Browser, reauth: string, state: string, csrf: string) {
  const res = await grantPage.POST(
    new Request(reauth, { method: "POST", headers: { ...b.headers(), "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrf, telegram_login: "phone" }).toString() }),
    params({ state }),
  );
  b.keep(res);
  return res;
}

/** Post one Telegram step from this browser, as the page's server action would. */
function step(b: Browser, tg: FakeTelegramServer, state: string, sessionId: string, fields: Record<string, string>, headers: Record<string, string> = SAME_ORIGIN): Promise<TelegramLoginView> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const request = new Request(`${TEST_BASE}/connect/provider-token/${state}/telegram`, { method: "POST", headers: b.headers(headers) });
  return grantTelegramStep(db, { state, sessionId, request, form, appUrl: TEST_BASE }, { connectClient: tg.connect });
}

async function begin(s: Setup, clientState: string) {
  const first = await ask(s, { user_id: s.userId, provider: "telegram", state: clientState });
  expect(first).toMatchObject({ status: "action_required", code: "PROVIDER_LINK_REQUIRED", provider: "telegram" });
  const reauth = String(first.reauth_url);
  const state = reauth.slice(`${TEST_BASE}/connect/provider-token/`.length);
  const b = new Browser();
  const { html, csrf } = await open(b, reauth, state);
  expect(html).toContain('name="telegram_login"');
  expect(html).toContain('name="sessionString"'); // the paste form stays available
  const pressed = await pressPhoneLogin(b, reauth, state, csrf);
  expect(pressed.status).toBe(303);
  const location = new URL(pressed.headers.get("location") ?? "");
  expect(location.pathname).toBe(`/connect/provider-token/${state}/telegram`);
  const sessionId = location.searchParams.get("session") ?? "";
  expect(sessionId).toMatch(/^cs_/);
  return { reauth, state, b, csrf, sessionId };
}

describe("Telegram on the hosted grant flow", () => {
  it("phone → code → 2FA password → back with success → provider-tokens ok with the session", async () => {
    const phone = newPhone();
    const tg = new FakeTelegramServer({ apiId: Number(API_ID), apiHash: API_HASH, accounts: [{ phone, userId: 7001, password: PASSWORD, hint: "horse" }] });
    const s = await setup();
    const { state, b, csrf, sessionId } = await begin(s, "tg1");
    expect(await loadGrantTelegram(db, state, sessionId, b.cookie())).toEqual({ step: "phone" });
    // The page: the shared TelegramLogin form, with the link's CSRF token, naming the service.
    const render = async (browser: Browser) => {
      setRequestHeaders(browser.headers({}));
      return renderToStaticMarkup(await GrantTelegramPage({ params: Promise.resolve({ state }), searchParams: Promise.resolve({ session: sessionId }) }));
    };
    const shown = await render(b);
    expect(shown).toContain('id="tg-phone"');
    expect(shown).toContain(`name="csrf" value="${csrf}"`);
    expect(shown).toContain(s.service.name);
    // Another browser sees the refusal, not the form.
    const stranger = new Browser();
    const refused = await render(stranger);
    expect(refused).not.toContain('id="tg-phone"');
    expect(refused).toContain(GRANT_STEP_REFUSALS.other_browser);

    expect(await step(b, tg, state, sessionId, { csrf, intent: "phone", phone: `+${phone}` })).toEqual({ step: "code", phoneEnding: phone.slice(-2), via: "app" });
    expect(await step(b, tg, state, sessionId, { csrf, intent: "code", code: tg.lastCode })).toEqual({ step: "password", hint: "horse" });
    // A reload in the same browser resumes at the password step.
    expect(await loadGrantTelegram(db, state, sessionId, b.cookie())).toEqual({ step: "password", hint: "horse" });
    const done = await step(b, tg, state, sessionId, { csrf, intent: "password", password: PASSWORD });
    expect(done.step).toBe("done");
    const back = new URL((done as { redirectTo: string }).redirectTo);
    expect(`${back.origin}${back.pathname}`).toBe("https://app.example.test/after-grant");
    expect(Object.fromEntries(back.searchParams)).toEqual({ tab: "1", provider_grant: "success", provider: "telegram", state: "tg1" });
    expect(tg.calls).toEqual(["auth.SendCode", "auth.SignIn", "account.GetPassword", "account.GetPassword", "auth.CheckPassword"]);

    const ok = await ask(s, { user_id: s.userId, provider: "telegram" });
    expect(ok).toMatchObject({ status: "ok", type: "mtproto", provider: "telegram", api_id: Number(API_ID), api_hash: API_HASH });
    const session = String(ok.access_token);
    expect(tg.authorizedUser(session)).toBe(7001);
    const [row] = await db.select().from(connectSessions).where(eq(connectSessions.id, sessionId));
    expect(row).toMatchObject({ status: "completed", userId: null, codeVerifierEnc: null, connectionId: expect.stringMatching(/^conn_/) });

    // Single use: the link and its Telegram page are closed now.
    expect((await grantPage.GET(new Request(`${TEST_BASE}/connect/provider-token/${state}`), params({ state }))).status).toBe(404);
    expect(await step(b, tg, state, sessionId, { csrf, intent: "phone", phone: `+${phone}` })).toMatchObject({ step: "closed" });

    // The grant is audited; the session string, api_hash and phone number are nowhere in the audit or the logs.
    const audit = JSON.stringify(await db.select().from(orgAuditEvents).where(eq(orgAuditEvents.serviceId, s.service.id)));
    expect(audit).toContain("provider_grant.created");
    for (const secret of [session.slice(1, 60), API_HASH, phone.slice(-8), PASSWORD, tg.lastCode]) {
      expect(audit).not.toContain(secret);
      expect(logs.text()).not.toContain(secret);
    }
  });

  it("a step from another browser, cross-site or without the CSRF token is refused; that browser cannot arm it either", async () => {
    const phone = newPhone();
    const tg = new FakeTelegramServer({ apiId: Number(API_ID), apiHash: API_HASH, accounts: [{ phone, userId: 7002 }] });
    const s = await setup();
    const { reauth, state, b, csrf, sessionId } = await begin(s, "tg2");

    // Another browser opens the same link: it gets its own CSRF token but not the binding cookie.
    const other = new Browser();
    const theirs = await open(other, reauth, state);
    expect(await step(other, tg, state, sessionId, { csrf: theirs.csrf, intent: "phone", phone: `+${phone}` })).toEqual({ step: "closed", error: GRANT_STEP_REFUSALS.other_browser });
    expect(await loadGrantTelegram(db, state, sessionId, other.cookie())).toEqual({ step: "closed", error: GRANT_STEP_REFUSALS.other_browser });
    expect((await pressPhoneLogin(other, reauth, state, theirs.csrf)).status).toBe(409);
    // The armed browser without the token, with a wrong one, or cross-site.
    expect(await step(b, tg, state, sessionId, { intent: "phone", phone: `+${phone}` })).toEqual({ step: "closed", error: GRANT_STEP_REFUSALS.csrf });
    expect(await step(b, tg, state, sessionId, { csrf: "x".repeat(43), intent: "phone", phone: `+${phone}` })).toEqual({ step: "closed", error: GRANT_STEP_REFUSALS.csrf });
    expect(await step(b, tg, state, sessionId, { csrf, intent: "phone", phone: `+${phone}` }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toEqual({ step: "closed", error: GRANT_STEP_REFUSALS.cross_site });
    // A connect session of another request cannot be driven through this link.
    const elsewhere = await begin(await setup(), "tg3");
    expect(await step(b, tg, state, elsewhere.sessionId, { csrf, intent: "phone", phone: `+${phone}` })).toMatchObject({ step: "closed" });
    expect(tg.calls).toEqual([]);

    // The armed browser itself still finishes.
    expect(await step(b, tg, state, sessionId, { csrf, intent: "phone", phone: `+${phone}` })).toMatchObject({ step: "code" });
    expect(await step(b, tg, state, sessionId, { csrf, intent: "code", code: tg.lastCode })).toMatchObject({ step: "done", redirectTo: expect.stringContaining("provider_grant=success") });
    expect(await ask(s, { user_id: s.userId, provider: "telegram" })).toMatchObject({ status: "ok", type: "mtproto" });
  });

  it("sendCode is limited per end user and per number, and steps per IP, as on an agent's link", async () => {
    process.env.TELEGRAM_CODES_PER_HOUR = "2";
    resetEnvCache();
    resetLimiter();
    const phones = [newPhone(), newPhone(), newPhone()];
    const tg = new FakeTelegramServer({ apiId: Number(API_ID), apiHash: API_HASH, accounts: phones.map((phone, i) => ({ phone, userId: 7100 + i })) });
    const s = await setup();
    const { state, b, csrf, sessionId } = await begin(s, "tg4");
    const send = async (phone: string) => {
      const view = await step(b, tg, state, sessionId, { csrf, intent: "phone", phone: `+${phone}` });
      await step(b, tg, state, sessionId, { csrf, intent: "restart" });
      return view;
    };
    expect(await send(phones[0] ?? "")).toMatchObject({ step: "code" });
    expect(await send(phones[1] ?? "")).toMatchObject({ step: "code" });
    expect(await send(phones[2] ?? "")).toEqual({ step: "phone", error: TOO_MANY_CODES }); // per end user, across numbers
    expect(tg.calls.filter((c) => c === "auth.SendCode")).toHaveLength(2);

    await awayFromWindowEdge();
    const flood = new Browser();
    flood.jar = new Map(b.jar);
    let limited: TelegramLoginView | undefined;
    for (let i = 0; i <= PER_IP && !limited; i++) {
      const view = await step(flood, tg, state, sessionId, { csrf, intent: "restart" });
      if (view.step === "phone" && view.error === TOO_MANY_ATTEMPTS) limited = view;
    }
    expect(limited).toEqual({ step: "phone", error: TOO_MANY_ATTEMPTS });
  }, 90_000);
});
