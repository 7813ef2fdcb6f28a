/**
 * S10 and the e-mail flows against a real SMTP server: what the app sent is read from the
 * server's inbox, and its links are followed through the real handlers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as verifyEmailRoute } from "@/app/verify-email/route";
import type { Db } from "@/db";
import { findUserByEmail } from "@/db/queries/users";
import { runCli } from "@/lib/cli/run-cli";
import { createConnectSession } from "@/lib/connect/create-connect-session";
import { startAuthorization } from "@/lib/connect/start-authorization";
import { submitHostedCredentials } from "@/lib/connect/submit-hosted-credentials";
import { resetEnvCache } from "@/lib/env";
import { authLimitMax, resetLimiter } from "@/lib/ratelimit";
import { AuthClient } from "@/lib/testing/auth-http";
import { request, testDb, uniqueEmail } from "@/lib/testing/fixtures";
import { linkIn, startSmtpInbox, type SmtpInbox } from "@/lib/testing/smtp-inbox";
import { callerFor, codeOf } from "@/lib/testing/trpc-caller";
import { UNVERIFIED_MESSAGE } from "@/lib/users/account-may-act";
import { checkAuthRate } from "@/lib/users/check-auth-rate";
import { createUser } from "@/lib/users/create-user";
import { issueEmailToken } from "@/lib/users/email-token";
import { requestPasswordReset, resetPassword, RESET_LINK_INVALID } from "@/lib/users/reset-password";
import { createInvitedUser, signUp } from "@/lib/users/sign-up";

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a brand new passphrase";
const BASE = "http://localhost:3000";
let db: Db;
let inbox: SmtpInbox;
let ipCounter = 0;
// Limits live in Redis across runs (an hour for sign-up): every run gets addresses of its own.
const RUN_OCTETS = `${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
const freshIp = () => `10.${RUN_OCTETS}.${++ipCounter % 256}`;

beforeAll(async () => {
  db = await testDb();
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
  process.env.EMAIL_FROM = "Akhrot <no-reply@akhrot.test>";
  // A configured OAuth app, so a connect link for Google can be made (no call reaches Google).
  process.env.OAUTH_GOOGLE_CLIENT_ID = "email-flows-client";
  process.env.OAUTH_GOOGLE_CLIENT_SECRET = "email-flows-secret";
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.EMAIL_FROM;
  delete process.env.OAUTH_GOOGLE_CLIENT_ID;
  delete process.env.OAUTH_GOOGLE_CLIENT_SECRET;
  resetEnvCache();
  await inbox?.stop();
});
afterEach(() => resetLimiter());

describe("S10: sign-up reveals nothing and proves the address", () => {
  it("S10: signing up with a taken address answers exactly like a new one; only the new one gets a confirmation link", async () => {
    const email = uniqueEmail("s10");
    const since = inbox.messages.length;
    const first = await signUp(db, { email, password: PASSWORD }, freshIp());
    const second = await signUp(db, { email, password: "another password entirely" }, freshIp());
    expect(first).toEqual({ status: "check_inbox" });
    expect(second).toEqual(first);
    const confirm = await inbox.waitFor(email, { since });
    expect(confirm.text).toContain("/verify-email?token=");
    const note = await inbox.waitFor(email, { since: inbox.messages.indexOf(confirm) + 1 });
    expect(note.text).toContain("already has an Akhrot account");
    expect(note.text).not.toContain("token=");
  });

  it("S10: an unverified account can neither mint keys nor complete connect links until it opens the mailed link (once)", async () => {
    const email = uniqueEmail("unverified");
    const since = inbox.messages.length;
    expect((await signUp(db, { email, password: PASSWORD }, freshIp())).status).toBe("check_inbox");
    const user = await findUserByEmail(db, email);
    if (!user) throw new Error("no user");
    expect(user.emailVerified).toBeNull();

    expect(await codeOf(callerFor(db, user.id).apiKeys.create({ name: "agent" }))).toBe("FORBIDDEN");
    const oauth = await createConnectSession(db, { userId: user.id }, { provider: "google" }, BASE);
    expect(await startAuthorization(db, oauth.sessionId, BASE)).toEqual({ ok: false, reason: "unverified" });
    const pasted = await createConnectSession(db, { userId: user.id }, { provider: "openai" }, BASE);
    expect(await submitHostedCredentials(db, pasted.sessionId, { apiKey: "sk-test-0123456789abcdef0123456789" })).toEqual({ ok: false, errors: { _form: UNVERIFIED_MESSAGE } });

    const link = linkIn(await inbox.waitFor(email, { since }), "/verify-email");
    const followed = await verifyEmailRoute(request(`${link.pathname}${link.search}`));
    expect(followed.status).toBe(303);
    expect(followed.headers.get("location")).toBe(`${BASE}/dashboard?verified=1`);
    expect((await findUserByEmail(db, email))?.emailVerified).toBeInstanceOf(Date);
    expect(await codeOf(callerFor(db, user.id).apiKeys.create({ name: "agent" }))).toBe("resolved");

    const again = await verifyEmailRoute(request(`${link.pathname}${link.search}`));
    expect(again.headers.get("location")).toBe(`${BASE}/sign-in?error=VerificationLinkInvalid`);
  });

  it("accounts made by the operator CLI or from an invitation count as verified", async () => {
    const cliEmail = uniqueEmail("cli");
    expect(await runCli(["user", "create", "--email", cliEmail, "--password", PASSWORD], { log: () => {}, err: () => {} })).toBe(0);
    const cliUser = await findUserByEmail(db, cliEmail);
    expect(cliUser?.emailVerified).toBeInstanceOf(Date);
    const invited = await createInvitedUser(db, { email: uniqueEmail("invited"), password: PASSWORD });
    expect(invited.ok && invited.user.emailVerified).toBeInstanceOf(Date);
    if (cliUser) expect(await codeOf(callerFor(db, cliUser.id).apiKeys.create({ name: "agent" }))).toBe("resolved");

    // Without e-mail, the operator resets a password; every session of that user ends.
    expect(await runCli(["user", "set-password", "--email", cliEmail, "--password", NEW_PASSWORD], { log: () => {}, err: () => {} })).toBe(0);
    const after = await findUserByEmail(db, cliEmail);
    expect(after?.passwordHash).not.toBe(cliUser?.passwordHash);
    expect(after?.sessionVersion).toBe((cliUser?.sessionVersion ?? 0) + 1);
  });
});

describe("S7: sign-up is limited before any argon2 work", () => {
  it(`S7: sign-up is refused after ${authLimitMax("signup-ip")} attempts from one IP`, async () => {
    const ip = freshIp();
    for (let i = 0; i < authLimitMax("signup-ip"); i++) expect(await checkAuthRate("sign-up", { email: uniqueEmail("flood"), ip })).toBeUndefined();
    const email = uniqueEmail("flooded");
    expect(await signUp(db, { email, password: PASSWORD }, ip)).toMatchObject({ status: "throttled" });
    expect(await findUserByEmail(db, email)).toBeUndefined();
    expect((await signUp(db, { email, password: PASSWORD }, freshIp())).status).toBe("check_inbox");
  });
});

describe("AKHROT_SIGNUP", () => {
  afterEach(() => {
    delete process.env.AKHROT_SIGNUP;
    resetEnvCache();
  });
  it.each(["closed", "invite"])("%s: the public form creates no account; the CLI and invitations still do", async (mode) => {
    process.env.AKHROT_SIGNUP = mode;
    resetEnvCache();
    const email = uniqueEmail(mode);
    expect(await signUp(db, { email, password: PASSWORD }, freshIp())).toEqual({ status: "closed" });
    expect(await findUserByEmail(db, email)).toBeUndefined();
    expect((await createInvitedUser(db, { email, password: PASSWORD })).ok).toBe(true);
  });
});

describe("forgotten password", () => {
  it("S9/S10: the mailed reset link sets a new password once, and every existing session ends", async () => {
    const email = uniqueEmail("reset");
    await createUser(db, { email, password: PASSWORD });
    const browser = new AuthClient(freshIp());
    expect((await browser.passwordSignIn(email, PASSWORD)).session).toBe(true);

    const since = inbox.messages.length;
    expect(await requestPasswordReset(db, email, freshIp())).toBe("sent");
    const link = linkIn(await inbox.waitFor(email, { since }), "/reset-password");
    const token = link.searchParams.get("token");
    expect(await resetPassword(db, token, "short")).toMatchObject({ ok: false, field: "password" });
    expect(await resetPassword(db, token, NEW_PASSWORD)).toEqual({ ok: true });
    expect(await resetPassword(db, token, NEW_PASSWORD)).toEqual({ ok: false, field: "token", message: RESET_LINK_INVALID });

    expect(await (await browser.get("/api/auth/session")).json()).toBeNull();
    const fresh = new AuthClient(freshIp());
    expect((await fresh.passwordSignIn(email, PASSWORD)).session).toBe(false);
    expect((await fresh.passwordSignIn(email, NEW_PASSWORD)).session).toBe(true);
  }, 120_000);

  it("an unknown address gets the same answer and no mail; a link older than 30 minutes is refused", async () => {
    const nobody = uniqueEmail("nobody");
    expect(await requestPasswordReset(db, nobody, freshIp())).toBe("sent");
    await expect(inbox.waitFor(nobody, { timeoutMs: 1_000 })).rejects.toThrow(/no mail/);

    const user = await createUser(db, { email: uniqueEmail("stale"), password: PASSWORD });
    if (!user.ok) throw new Error("no user");
    const stale = await issueEmailToken(db, "reset-password", user.user.id, new Date(Date.now() - 31 * 60_000));
    expect(await resetPassword(db, stale, NEW_PASSWORD)).toMatchObject({ ok: false, field: "token" });
  });
});
