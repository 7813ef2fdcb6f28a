/**
 * Telegram's MTProto login on the hosted page (phone → login code → optional 2FA password):
 * the real database (PGlite in memory), the real encryption, connect sessions created by an
 * agent through the real POST /oauth/sessions, the real server action and /tokens/fetch.
 *
 * The ONLY stand-in is the MTProto transport (FakeTelegramServer): these machines cannot reach
 * Telegram's data centres. NOT tested here, because only Telegram can answer them:
 *  - real data centres: the TCP transport, the auth-key exchange, code delivery by app or SMS;
 *  - the real SRP check against Telegram's servers (the fake implements the server side of
 *    SRP-2048 from Telegram's spec, so GramJS's computeCheck is exercised, but against our
 *    reading of the spec, not Telegram's implementation);
 *  - DC migration errors (PHONE_MIGRATE_X / USER_MIGRATE_X): GramJS handles them inside invoke;
 *    the fake only mimics the effect (the session moves to another DC) to prove we store the
 *    session after auth.sendCode, not the migration itself;
 *  - real flood limits, AUTH_RESTART and the exact error names Telegram returns today.
 * One test runs the real GramJS transport and expects it to fail cleanly (unreachable here).
 */
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StringSession } from "telegram/sessions";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { connectSessions, connections } from "@/db/schema";
import { telegramLoginStep } from "@/app/connect/[sessionId]/telegram-actions";
import { TelegramLogin } from "@/app/connect/[sessionId]/telegram-login";
import { POST as createSession } from "@/app/oauth/sessions/route";
import { GET as sessionStatus } from "@/app/oauth/sessions/[sessionId]/route";
import { POST as fetchTokenRoute } from "@/app/tokens/fetch/route";
import { loadConnectPage } from "@/lib/connect/load-connect-page";
import { DecryptionError, decryptSecret } from "@/lib/crypto";
import { resetEnvCache } from "@/lib/env";
import { LINK_CLOSED } from "@/lib/telegram/open-telegram-login";
import { requestNewTelegramCode } from "@/lib/telegram/request-new-telegram-code";
import { startTelegramLogin } from "@/lib/telegram/start-telegram-login";
import { submitTelegramCode } from "@/lib/telegram/submit-telegram-code";
import { submitTelegramPassword } from "@/lib/telegram/submit-telegram-password";
import { loadTelegramLogin, type TelegramLoginView } from "@/lib/telegram/telegram-login-view";
import { FakeTelegramServer } from "@/lib/telegram/testing/fake-mtproto-server";
import { makeKey, makeUser, params, request, testDb } from "@/lib/testing/fixtures";
import { LINK_POST_REFUSALS } from "@/lib/connect/check-link-post";
import { LinkBrowser } from "@/lib/testing/link-browser";
import { actAs } from "@/lib/testing/next-headers-stub";

// Server actions read their request through next/headers; outside a running Next there is none.
vi.mock("next/headers", () => import("@/lib/testing/next-headers-stub"));
import { hashForLog } from "@/lib/log";
import { captureLogs, type CapturedLogs } from "@/lib/testing/capture-logs";

const API_ID = "123456";
const API_HASH = "0123456789abcdef0123456789abcdef";
const PHONE = { typed: "+44 7700 900321", digits: "447700900321" };
const PHONE_2FA = { typed: "+1 (202) 555-0147", digits: "12025550147" };
const PHONE_DC4 = { typed: "0031 6 1234 5678", digits: "31612345678" };
const PHONE_NEW = { typed: "+49 1511 2345678", digits: "4915112345678" };
const PASSWORD = "correct horse battery staple";
const WRONG_PASSWORD = "Tr0ub4dor&3";

let db: Db;
/** Every view the login returned and every line it logged: checked for secrets at the end. */
const seen: string[] = [];
let logs: CapturedLogs;
const secrets = new Set<string>([...[PHONE, PHONE_2FA, PHONE_DC4, PHONE_NEW].flatMap((p) => [p.typed, p.digits, p.digits.slice(-8)]), PASSWORD, WRONG_PASSWORD]);
const servers: FakeTelegramServer[] = [];

beforeAll(async () => {
  db = await testDb();
  logs = captureLogs();
});
beforeEach(() => {
  process.env.TELEGRAM_API_ID = API_ID;
  process.env.TELEGRAM_API_HASH = API_HASH;
  resetEnvCache();
});
afterAll(() => {
  delete process.env.TELEGRAM_API_ID;
  delete process.env.TELEGRAM_API_HASH;
  resetEnvCache();
  logs.restore();
  vi.restoreAllMocks();
});

function telegram(): FakeTelegramServer {
  const server = new FakeTelegramServer({
    apiId: Number(API_ID),
    apiHash: API_HASH,
    accounts: [
      { phone: PHONE.digits, userId: 1001 },
      { phone: PHONE_2FA.digits, userId: 1002, password: PASSWORD, hint: "horse" },
      { phone: PHONE_DC4.digits, userId: 1003, dc: 4 },
      { phone: PHONE_NEW.digits, userId: 1004, signUpRequired: true },
    ],
  });
  servers.push(server);
  return server;
}

function track(view: TelegramLoginView): TelegramLoginView {
  seen.push(JSON.stringify(view));
  return view;
}

async function agent() {
  const user = await makeUser(db);
  return { userId: user.id, key: (await makeKey(db, user.id)).key };
}

async function call(route: typeof fetchTokenRoute, path: string, key: string, body: unknown) {
  const res = await route(request(path, { method: "POST", key, body: JSON.stringify(body) }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

async function telegramSession(key: string): Promise<string> {
  const res = await call(createSession, "/oauth/sessions", key, { provider: "telegram" });
  expect(res.status).toBe(201);
  return String(res.body.sessionId);
}

async function row(id: string) {
  const [r] = await db.select().from(connectSessions).where(eq(connectSessions.id, id));
  if (!r) throw new Error("no such connect session");
  return r;
}

/** The stored state, opened the way only the server can (the test holds the same key). */
async function storedState(id: string): Promise<Record<string, string>> {
  const enc = (await row(id)).codeVerifierEnc;
  if (!enc) throw new Error("no login state stored");
  const state = JSON.parse(decryptSecret(enc, `${id}:telegram_login`)) as Record<string, string>;
  for (const k of ["session", "phoneCodeHash"]) if (state[k]) secrets.add(String(state[k]));
  return state;
}

describe("phone → code → connected", () => {
  it("stores the authorized session string; the agent fetches it as type mtproto", async () => {
    const tg = telegram();
    const a = await agent();
    const id = await telegramSession(a.key);
    expect(await loadTelegramLogin(db, id)).toEqual({ step: "phone" });

    const code = track(await startTelegramLogin(db, id, PHONE.typed, { connectClient: tg.connect }));
    expect(code).toEqual({ step: "code", phoneEnding: "21", via: "app" });
    expect(tg.calls).toEqual(["auth.SendCode"]);
    expect(tg.openClients).toBe(0);
    // A reload shows the code step: it comes from the stored state, not from memory.
    expect(await loadTelegramLogin(db, id)).toEqual(code);
    // Stored encrypted and bound to this session: no phone number in the row.
    const pending = await row(id);
    expect(pending.codeVerifierEnc).toMatch(/^v1\./);
    expect(JSON.stringify(pending)).not.toContain(PHONE.digits.slice(-8));
    const state = await storedState(id);
    expect(state).toMatchObject({ step: "code", phone: PHONE.digits, via: "app" });
    expect(JSON.stringify(pending)).not.toContain(state.session);
    expect(JSON.stringify(pending)).not.toContain(state.phoneCodeHash);

    secrets.add(tg.lastCode);
    expect(track(await submitTelegramCode(db, id, ` ${tg.lastCode.slice(0, 3)} ${tg.lastCode.slice(3)} `, { connectClient: tg.connect }))).toEqual({ step: "done" });
    // Step 2 ran on a client restored from the stored session (same auth key as step 1).
    expect(tg.connects).toEqual(["", state.session]);
    expect(tg.calls).toEqual(["auth.SendCode", "auth.SignIn"]);
    expect(tg.openClients).toBe(0);

    const done = await row(id);
    expect(done).toMatchObject({ status: "completed", codeVerifierEnc: null, connectionId: expect.stringMatching(/^conn_/) });
    const status = await sessionStatus(request(`/oauth/sessions/${id}`, { key: a.key }), params({ sessionId: id }));
    expect(await status.json()).toMatchObject({ status: "completed" });
    expect(await loadConnectPage(db, id, (await row(id))?.userId ?? undefined)).toMatchObject({ state: "completed" });

    const token = await call(fetchTokenRoute, "/tokens/fetch", a.key, { provider: "telegram" });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ provider: "telegram", type: "mtproto", accessToken: state.session, apiId: 123456, apiHash: API_HASH });
    expect(token.body.account).toEqual({ id: "tg_1001", label: "Telegram user 1001" });
    const accessToken = String(token.body.accessToken);
    expect(tg.authorizedUser(accessToken)).toBe(1001);
    expect(new StringSession(accessToken).dcId).toBe(2);
    const stored = await db.select().from(connections).where(eq(connections.userId, a.userId));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(accessToken.slice(1, 60));
  });

  it("signing in again to the same Telegram account updates its connection in place", async () => {
    const tg = telegram();
    const a = await agent();
    for (let round = 0; round < 2; round++) {
      const id = await telegramSession(a.key);
      await startTelegramLogin(db, id, PHONE.typed, { connectClient: tg.connect });
      secrets.add(tg.lastCode);
      expect(await submitTelegramCode(db, id, tg.lastCode, { connectClient: tg.connect })).toEqual({ step: "done" });
    }
    const stored = await db.select().from(connections).where(eq(connections.userId, a.userId));
    expect(stored.map((c) => c.accountId)).toEqual(["tg_1001"]);
  });

  it("a DC migration on auth.sendCode: the session saved is the one that received the code", async () => {
    const tg = telegram();
    const a = await agent();
    const id = await telegramSession(a.key);
    expect(track(await startTelegramLogin(db, id, PHONE_DC4.typed, { connectClient: tg.connect }))).toMatchObject({ step: "code", phoneEnding: "78" });
    const state = await storedState(id);
    expect(new StringSession(state.session).dcId).toBe(4);
    secrets.add(tg.lastCode);
    expect(track(await submitTelegramCode(db, id, tg.lastCode, { connectClient: tg.connect }))).toEqual({ step: "done" });
    const token = await call(fetchTokenRoute, "/tokens/fetch", a.key, { provider: "telegram" });
    expect(tg.authorizedUser(String(token.body.accessToken))).toBe(1003);
  });
});

describe("two-step verification", () => {
  it("code → password (with hint) → wrong password kept → right password → connected", async () => {
    const tg = telegram();
    const a = await agent();
    const id = await telegramSession(a.key);
    track(await startTelegramLogin(db, id, PHONE_2FA.typed, { connectClient: tg.connect }));
    secrets.add(tg.lastCode);
    const password = track(await submitTelegramCode(db, id, tg.lastCode, { connectClient: tg.connect }));
    expect(password).toEqual({ step: "password", hint: "horse" });
    expect(await loadTelegramLogin(db, id)).toEqual(password);
    const before = await storedState(id);
    expect(before).toMatchObject({ step: "password", hint: "horse" });
    expect(before.phone).toBeUndefined();

    const wrong = track(await submitTelegramPassword(db, id, WRONG_PASSWORD, { connectClient: tg.connect }));
    expect(wrong).toEqual({ step: "password", hint: "horse", error: "That password is not right. Type your two-step verification password again." });
    expect(await storedState(id)).toEqual(before);
    expect(track(await submitTelegramPassword(db, id, "", { connectClient: tg.connect }))).toMatchObject({ step: "password", error: expect.stringMatching(/Enter your Telegram two-step verification password/) });

    expect(track(await submitTelegramPassword(db, id, PASSWORD, { connectClient: tg.connect }))).toEqual({ step: "done" });
    expect(tg.calls).toEqual(["auth.SendCode", "auth.SignIn", "account.GetPassword", "account.GetPassword", "auth.CheckPassword", "account.GetPassword", "auth.CheckPassword"]);
    expect(tg.openClients).toBe(0);
    const token = await call(fetchTokenRoute, "/tokens/fetch", a.key, { provider: "telegram" });
    expect(token.body).toMatchObject({ type: "mtproto", accessToken: before.session, apiId: 123456, apiHash: API_HASH });
    expect(tg.authorizedUser(String(token.body.accessToken))).toBe(1002);
  });
});

describe("errors: specific messages, state kept where it still works", () => {
  it("a wrong code keeps the state; a retry with the right code works", async () => {
    const tg = telegram();
    const id = await telegramSession((await agent()).key);
    track(await startTelegramLogin(db, id, PHONE.typed, { connectClient: tg.connect }));
    const before = await storedState(id);
    secrets.add(tg.lastCode);
    const wrongCode = tg.lastCode === "11111" ? "22222" : "11111";
    const wrong = track(await submitTelegramCode(db, id, wrongCode, { connectClient: tg.connect }));
    expect(wrong).toEqual({ step: "code", phoneEnding: "21", via: "app", error: "That code is not right. Check the latest code Telegram sent you and type it again." });
    expect(await storedState(id)).toEqual(before);
    // Malformed codes are refused before Telegram is asked.
    const calls = tg.calls.length;
    expect(track(await submitTelegramCode(db, id, "12ab", { connectClient: tg.connect }))).toMatchObject({ step: "code", error: expect.stringMatching(/5 or 6 digits/) });
    expect(tg.calls).toHaveLength(calls);
    expect(track(await submitTelegramCode(db, id, tg.lastCode, { connectClient: tg.connect }))).toEqual({ step: "done" });
  });

  it("an expired code says so and offers a new one, sent to the stored number", async () => {
    const tg = telegram();
    const id = await telegramSession((await agent()).key);
    track(await startTelegramLogin(db, id, PHONE.typed, { connectClient: tg.connect }));
    const before = await storedState(id);
    secrets.add(tg.lastCode);
    tg.expireCodes();
    const expired = track(await submitTelegramCode(db, id, tg.lastCode, { connectClient: tg.connect }));
    expect(expired).toEqual({ step: "code", phoneEnding: "21", via: "app", codeExpired: true, error: "That code has expired. Request a new code." });
    expect(track(await requestNewTelegramCode(db, id, { connectClient: tg.connect }))).toEqual({ step: "code", phoneEnding: "21", via: "app" });
    const after = await storedState(id);
    expect(after.phoneCodeHash).not.toBe(before.phoneCodeHash);
    expect(after.session).toBe(before.session);
    secrets.add(tg.lastCode);
    expect(track(await submitTelegramCode(db, id, tg.lastCode, { connectClient: tg.connect }))).toEqual({ step: "done" });
  });

  it.each([
    ["", /Enter the phone number of your Telegram account/],
    ["7700 900123", /international format: \+ then your country code/],
    ["+0 123 456 789", /not a complete international number/],
    ["+44 77OO 900123", /only digits after the \+/],
    ["+123", /not a complete international number/],
    ["+1234567890123456", /not a complete international number/],
  ])("phone %j is refused locally with a specific message", async (typed, message) => {
    const tg = telegram();
    const id = await telegramSession((await agent()).key);
    const view = track(await startTelegramLogin(db, id, typed, { connectClient: tg.connect }));
    expect(view).toMatchObject({ step: "phone", error: expect.stringMatching(message) });
    expect(tg.connects).toEqual([]);
    expect((await row(id)).codeVerifierEnc).toBeNull();
  });

  it.each([
    ["PHONE_NUMBER_INVALID", "+44 7700 900999", "Telegram says this phone number is not valid. Check the country code and the number."],
    ["FLOOD_WAIT_42", PHONE.typed, "Telegram asks you to wait 42 seconds before trying again."],
    ["FLOOD_WAIT_600", PHONE.typed, "Telegram asks you to wait about 10 minutes before trying again."],
    ["PHONE_NUMBER_BANNED", PHONE.typed, "Telegram has banned this phone number, so it cannot sign in."],
    ["API_ID_INVALID", PHONE.typed, "Telegram rejected this Akhrot instance's app credentials (TELEGRAM_API_ID / TELEGRAM_API_HASH). Tell the instance operator."],
  ])("Telegram answers %s to auth.sendCode → a specific message, nothing stored", async (error, typed, message) => {
    const tg = telegram();
    if (error !== "PHONE_NUMBER_INVALID") tg.failNext["auth.SendCode"] = error;
    const id = await telegramSession((await agent()).key);
    expect(track(await startTelegramLogin(db, id, typed, { connectClient: tg.connect }))).toEqual({ step: "phone", error: message });
    expect((await row(id)).codeVerifierEnc).toBeNull();
    expect(tg.openClients).toBe(0);
  });

  it("flood wait on the code step keeps the state", async () => {
    const tg = telegram();
    const id = await telegramSession((await agent()).key);
    track(await startTelegramLogin(db, id, PHONE.typed, { connectClient: tg.connect }));
    const before = await storedState(id);
    tg.failNext["auth.SignIn"] = "FLOOD_WAIT_7200";
    secrets.add(tg.lastCode);
    expect(track(await submitTelegramCode(db, id, tg.lastCode, { connectClient: tg.connect }))).toMatchObject({ step: "code", error: "Telegram asks you to wait about 2 hours before trying again." });
    expect(await storedState(id)).toEqual(before);
  });

  it("AUTH_RESTART clears the state and asks for the number again", async () => {
    const tg = telegram();
    const id = await telegramSession((await agent()).key);
    track(await startTelegramLogin(db, id, PHONE.typed, { connectClient: tg.connect }));
    tg.failNext["auth.SignIn"] = "AUTH_RESTART";
    expect(track(await submitTelegramCode(db, id, "12345", { connectClient: tg.connect }))).toEqual({ step: "phone", error: "Telegram asked to restart the sign-in. Enter your phone number again to get a new code." });
    expect((await row(id)).codeVerifierEnc).toBeNull();
    expect(await loadTelegramLogin(db, id)).toEqual({ step: "phone" });
  });

  it("a number without an account is not signed up", async () => {
    const tg = telegram();
    const id = await telegramSession((await agent()).key);
    track(await startTelegramLogin(db, id, PHONE_NEW.typed, { connectClient: tg.connect }));
    secrets.add(tg.lastCode);
    expect(track(await submitTelegramCode(db, id, tg.lastCode, { connectClient: tg.connect }))).toEqual({
      step: "phone",
      error: "No Telegram account uses this number yet. Create one in a Telegram app first, then try again.",
    });
    expect(tg.calls).not.toContain("auth.SignUp");
    expect(await row(id)).toMatchObject({ status: "pending", codeVerifierEnc: null });
  });

  it("Telegram unreachable → says so, keeps the state, logs only the error's name", async () => {
    const tg = telegram();
    const id = await telegramSession((await agent()).key);
    track(await startTelegramLogin(db, id, PHONE.typed, { connectClient: tg.connect }));
    const before = await storedState(id);
    tg.unreachable = true;
    secrets.add(tg.lastCode);
    expect(track(await submitTelegramCode(db, id, tg.lastCode, { connectClient: tg.connect }))).toMatchObject({ step: "code", error: "Akhrot could not reach Telegram's servers. Try again in a moment." });
    expect(await storedState(id)).toEqual(before);
    // The session id is a live capability: the log carries its hash (SECURITY-REVIEW S18).
    expect(logs.entries().at(-1)).toMatchObject({ level: "warn", where: "telegram.login", step: "sign in", connectSession: hashForLog(id), reason: "TelegramUnreachableError" });
    expect(logs.text()).not.toContain(id);
  });

  it("the real GramJS transport fails cleanly when Telegram cannot be reached", async () => {
    const id = await telegramSession((await agent()).key);
    // No fake here: GramJS really dials a data centre. Unreachable from CI; where it is reachable,
    // the made-up api_id makes Telegram refuse before any code is sent.
    const view = track(await startTelegramLogin(db, id, PHONE.typed));
    expect(view).toMatchObject({ step: "phone", error: expect.stringMatching(/could not reach Telegram's servers|TELEGRAM_API_ID/) });
    expect((await row(id)).codeVerifierEnc).toBeNull();
  });
});

describe("the connect session guards every step", () => {
  it("an expired link is refused at every step, without calling Telegram", async () => {
    const tg = telegram();
    const id = await telegramSession((await agent()).key);
    track(await startTelegramLogin(db, id, PHONE.typed, { connectClient: tg.connect }));
    await db.update(connectSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(connectSessions.id, id));
    const closed = { step: "closed", error: LINK_CLOSED };
    secrets.add(tg.lastCode);
    expect(track(await submitTelegramCode(db, id, tg.lastCode, { connectClient: tg.connect }))).toEqual(closed);
    expect(track(await submitTelegramPassword(db, id, PASSWORD, { connectClient: tg.connect }))).toEqual(closed);
    expect(track(await requestNewTelegramCode(db, id, { connectClient: tg.connect }))).toEqual(closed);
    expect(track(await startTelegramLogin(db, id, PHONE.typed, { connectClient: tg.connect }))).toEqual(closed);
    expect(await loadTelegramLogin(db, id)).toEqual(closed);
    expect(tg.calls).toEqual(["auth.SendCode"]);
  });

  it("a completed link cannot log in again", async () => {
    const tg = telegram();
    const id = await telegramSession((await agent()).key);
    track(await startTelegramLogin(db, id, PHONE.typed, { connectClient: tg.connect }));
    secrets.add(tg.lastCode);
    await submitTelegramCode(db, id, tg.lastCode, { connectClient: tg.connect });
    expect(track(await startTelegramLogin(db, id, PHONE.typed, { connectClient: tg.connect }))).toEqual({ step: "closed", error: LINK_CLOSED });
  });

  it("the state is bound to its session: copied to another session row it does not open", async () => {
    const tg = telegram();
    const a = await agent();
    const first = await telegramSession(a.key);
    const second = await telegramSession(a.key);
    track(await startTelegramLogin(db, first, PHONE.typed, { connectClient: tg.connect }));
    const enc = (await row(first)).codeVerifierEnc;
    if (!enc) throw new Error("state missing");
    await db.update(connectSessions).set({ codeVerifierEnc: enc }).where(eq(connectSessions.id, second));
    expect(() => decryptSecret(enc, `${second}:telegram_login`)).toThrow(DecryptionError);
    // Nor can it be read as the OAuth PKCE verifier of its own row.
    expect(() => decryptSecret(enc, `${first}:code_verifier`)).toThrow(DecryptionError);
    expect(await loadTelegramLogin(db, second)).toEqual({ step: "phone" });
    secrets.add(tg.lastCode);
    expect(track(await submitTelegramCode(db, second, tg.lastCode, { connectClient: tg.connect }))).toEqual({ step: "phone", error: "Enter your phone number first to get a code." });
    expect(tg.calls).toEqual(["auth.SendCode"]);
    expect(logs.entries()).toContainEqual(expect.objectContaining({ where: "telegram.state", connectSession: hashForLog(second), error: "DecryptionError" }));
    expect(logs.text()).not.toContain(second);
    // The original still works.
    expect(track(await submitTelegramCode(db, first, tg.lastCode, { connectClient: tg.connect }))).toEqual({ step: "done" });
  });

  it("without TELEGRAM_API_ID / TELEGRAM_API_HASH the login says the operator must set them", async () => {
    const tg = telegram();
    const id = await telegramSession((await agent()).key);
    delete process.env.TELEGRAM_API_ID;
    delete process.env.TELEGRAM_API_HASH;
    resetEnvCache();
    const view = track(await startTelegramLogin(db, id, PHONE.typed, { connectClient: tg.connect }));
    expect(view).toEqual({ step: "closed", error: expect.stringMatching(/operator must set TELEGRAM_API_ID and TELEGRAM_API_HASH/) });
    expect(tg.connects).toEqual([]);
  });
});

describe("the server action and the form", () => {
  const form = (entries: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(entries)) f.set(k, v);
    return f;
  };

  /** The link's owner, signed in, with the page open: the action gets their cookies and same-origin headers. */
  async function ownerOnPage() {
    const a = await agent();
    const id = await telegramSession(a.key);
    const browser = await new LinkBrowser().signIn({ id: a.userId });
    const csrf = await browser.open(id);
    actAs(browser, id);
    return { id, csrf, browser };
  }

  it("parses each intent and answers with the next view", async () => {
    const { id, csrf } = await ownerOnPage();
    const prev: TelegramLoginView = { step: "phone" };
    expect(track(await telegramLoginStep(id, prev, form({ csrf, intent: "phone", phone: "+12" })))).toMatchObject({ step: "phone", error: expect.stringMatching(/not a complete international number/) });
    expect(track(await telegramLoginStep(id, prev, form({ csrf, intent: "code", code: "12345" })))).toEqual({ step: "phone", error: "Enter your phone number first to get a code." });
    expect(track(await telegramLoginStep(id, prev, form({ csrf, intent: "restart" })))).toEqual({ step: "phone" });
    expect(track(await telegramLoginStep(id, prev, form({ csrf, phone: PHONE.typed })))).toEqual({ step: "phone", error: "That form was incomplete. Fill in the field and try again." });
    expect(track(await telegramLoginStep("cs_doesnotexist", prev, form({ csrf, intent: "phone", phone: PHONE.typed })))).toEqual({ step: "closed", error: LINK_POST_REFUSALS.not_found });
    expect(LINK_CLOSED).toMatch(/expired|used/);
  });

  it("S1: a Telegram step without this render's CSRF token, or posted cross-site, is refused before Telegram is called", async () => {
    const { id, csrf, browser } = await ownerOnPage();
    const prev: TelegramLoginView = { step: "phone" };
    expect(await telegramLoginStep(id, prev, form({ intent: "phone", phone: PHONE.typed }))).toEqual({ step: "closed", error: LINK_POST_REFUSALS.csrf });
    expect(await telegramLoginStep(id, prev, form({ csrf: "x".repeat(43), intent: "phone", phone: PHONE.typed }))).toEqual({ step: "closed", error: LINK_POST_REFUSALS.csrf });
    actAs(browser, id, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(await telegramLoginStep(id, prev, form({ csrf, intent: "phone", phone: PHONE.typed }))).toEqual({ step: "closed", error: LINK_POST_REFUSALS.cross_site });
    expect((await row(id))?.codeVerifierEnc ?? null).toBeNull();
  });

  it("S2: another signed-in user cannot run the Telegram login on someone else's link", async () => {
    const owner = await agent();
    const id = await telegramSession(owner.key);
    const other = await makeUser(db);
    const browser = await new LinkBrowser().signIn({ id: other.id });
    const csrf = await browser.open(id);
    actAs(browser, id);
    const view = await telegramLoginStep(id, { step: "phone" }, form({ csrf, intent: "phone", phone: PHONE.typed }));
    expect(view).toEqual({ step: "closed", error: LINK_POST_REFUSALS.other_user });
    expect(JSON.stringify(view)).not.toMatch(/@/);
    expect((await row(id))?.codeVerifierEnc ?? null).toBeNull();
  });

  const render = (initial: TelegramLoginView) => renderToStaticMarkup(createElement(TelegramLogin, { action: async (view: TelegramLoginView) => view, csrf: "t".repeat(43), initial, importForm: createElement("p", null, "import form") }));

  it.each([
    [{ step: "phone" }, "tg-phone", "Phone number of your Telegram account"],
    [{ step: "code", phoneEnding: "21", via: "sms" }, "tg-code", "Login code"],
    [{ step: "password", hint: "horse" }, "tg-password", "Two-step verification password"],
  ] as const)("step %j: the input is labelled, the secondary import is offered", (view, inputId, label) => {
    const html = render(view);
    expect(html).toContain(`<label for="${inputId}"`);
    expect(html).toContain(`>${label}</label>`);
    expect(html).toContain(`id="${inputId}"`);
    expect(html).toMatch(/<details[^>]*><summary[^>]*>Import a session string instead<\/summary>/);
  });

  it("errors are shown inline and tied to the input; done and closed have their own message", () => {
    const html = render({ step: "code", phoneEnding: "21", via: "app", codeExpired: true, error: "That code has expired. Request a new code." });
    expect(html).toContain('aria-describedby="tg-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toMatch(/<p id="tg-error" role="alert"[^>]*>That code has expired\. Request a new code\.<\/p>/);
    expect(html).toContain(">Request a new code</button>");
    expect(html).toContain("for the number ending in 21");
    expect(render({ step: "done" })).toContain("Telegram is connected. You can close this tab.");
    expect(render({ step: "done" })).not.toContain("import form");
    expect(render({ step: "closed", error: LINK_CLOSED })).toContain(LINK_CLOSED);
  });
});

describe("nothing secret leaves the server", () => {
  it("no view or log line holds a phone number, code, password or session string", () => {
    for (const tg of servers) for (const s of tg.connects) if (s) secrets.add(s);
    expect(seen.length).toBeGreaterThan(30);
    const out = [...seen, logs.text()].join("\n");
    for (const secret of secrets) expect(out.includes(secret), `leaked a secret of length ${secret.length}`).toBe(false);
  });
});
