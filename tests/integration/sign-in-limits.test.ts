/**
 * S3 / S7: the sign-in limit sits inside authorize(), so Auth.js's own endpoint passes it
 * too; it counts per email and per client IP, and it fails closed.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { resetEnvCache } from "@/lib/env";
import { authLimitMax, resetLimiter, SIGN_IN_ATTEMPTS } from "@/lib/ratelimit";
import { AuthClient } from "@/lib/testing/auth-http";
import { testDb, uniqueEmail } from "@/lib/testing/fixtures";
import { checkAuthRate } from "@/lib/users/check-auth-rate";
import { createUser } from "@/lib/users/create-user";

const PASSWORD = "correct horse battery staple";
let db: Db;
let ipCounter = 0;
// Limits live in Redis across runs (an hour for sign-up): every run gets addresses of its own.
const RUN_OCTETS = `${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
const freshIp = () => `10.${RUN_OCTETS}.${++ipCounter % 256}`;

beforeAll(async () => {
  db = await testDb();
});
afterEach(() => {
  resetLimiter();
  vi.restoreAllMocks();
});

describe("S3: sign-in through Auth.js's own endpoint", () => {
  it(`S3: POST /api/auth/callback/credentials is throttled after ${SIGN_IN_ATTEMPTS} tries, and then even the right password is refused`, async () => {
    const email = uniqueEmail("s3");
    await createUser(db, { email, password: PASSWORD });
    const client = new AuthClient(freshIp());
    for (let i = 1; i <= SIGN_IN_ATTEMPTS; i++) {
      const r = await client.passwordSignIn(email, `wrong-password-${i}`);
      expect(r.status).toBe(302);
      expect(r.location).toContain("error=CredentialsSignin");
      expect(r.location).not.toContain("rate_limited");
    }
    const throttled = await client.passwordSignIn(email, "wrong-password-11");
    expect(throttled.location).toContain("code=rate_limited");
    // From another address too: the per-email counter holds, whoever asks.
    const right = await new AuthClient(freshIp()).passwordSignIn(email, PASSWORD);
    expect(right.location).toContain("code=rate_limited");
    expect(right.session).toBe(false);
  }, 180_000);

  it("the right password signs in through the endpoint while under the limit (the test above can fail)", async () => {
    const email = uniqueEmail("s3ok");
    await createUser(db, { email, password: PASSWORD });
    const client = new AuthClient(freshIp());
    const r = await client.passwordSignIn(email, PASSWORD);
    expect(r.location).not.toContain("error=");
    expect(r.session).toBe(true);
  });

  it("S3: spraying one try per email from one IP is throttled per IP", async () => {
    const ip = freshIp();
    // The first tries of a spray, counted the way authorize() counts them (argon2 on this
    // 2-core box makes 50 real tries too slow for a unit of CI); the next real try is refused.
    for (let i = 0; i < authLimitMax("signin-ip"); i++) expect(await checkAuthRate("sign-in", { email: uniqueEmail("spray"), ip })).toBeUndefined();
    const email = uniqueEmail("spray-victim");
    await createUser(db, { email, password: PASSWORD });
    const r = await new AuthClient(ip).passwordSignIn(email, PASSWORD);
    expect(r.location).toContain("code=rate_limited");
    expect(r.session).toBe(false);
    // Another client address is unaffected.
    expect((await new AuthClient(freshIp()).passwordSignIn(email, PASSWORD)).session).toBe(true);
  });
});

describe("S3: the sign-in limiter fails closed", () => {
  afterEach(() => {
    delete process.env.REDIS_URL;
    delete process.env.RATE_LIMIT_FAIL_MODE;
    resetEnvCache();
  });

  it("S3: with Redis unreachable, the right password is refused (even with RATE_LIMIT_FAIL_MODE=open)", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const email = uniqueEmail("closed");
    await createUser(db, { email, password: PASSWORD });
    process.env.REDIS_URL = "redis://127.0.0.1:1";
    process.env.RATE_LIMIT_FAIL_MODE = "open";
    resetEnvCache();
    resetLimiter();
    const r = await new AuthClient(freshIp()).passwordSignIn(email, PASSWORD);
    expect(r.location).toContain("code=rate_limited");
    expect(r.session).toBe(false);
  });
});
