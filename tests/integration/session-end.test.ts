/**
 * S9: a dashboard session ends 12 h after sign-in however often it is refreshed, and
 * sign-out (or "sign out everywhere") ends every copy of it server-side.
 */
import { encode, decode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { bumpSessionVersion, findUserById } from "@/db/queries/users";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/base-config";
import { env } from "@/lib/env";
import { AuthClient } from "@/lib/testing/auth-http";
import { makeUser, testDb, uniqueEmail } from "@/lib/testing/fixtures";
import { callerFor, codeOf } from "@/lib/testing/trpc-caller";
import { createUser } from "@/lib/users/create-user";

const COOKIE = "authjs.session-token";
const PASSWORD = "correct horse battery staple";
let db: Db;

beforeAll(async () => {
  db = await testDb();
});

const now = () => Math.floor(Date.now() / 1000);

/** A session cookie as Auth.js would have issued it at `signedInAt` (the test knows the secret). */
async function cookieFor(userId: string, signedInAt: number, sv = 0): Promise<string> {
  return encode({ token: { sub: userId, signedInAt, sv }, secret: env().AUTH_SECRET, salt: COOKIE, maxAge: SESSION_MAX_AGE_SECONDS });
}

async function sessionOf(client: AuthClient): Promise<{ user?: { id: string } } | null> {
  return (await (await client.get("/api/auth/session")).json()) as { user?: { id: string } } | null;
}

describe("S9: sessions end 12 h after sign-in", () => {
  it("S9: GET /api/auth/session re-issues the cookie with an exp no later than sign-in + 12 h", async () => {
    const user = await makeUser(db);
    const signedInAt = now() - SESSION_MAX_AGE_SECONDS + 120; // two minutes left
    const client = new AuthClient();
    client.jar.set(COOKIE, await cookieFor(user.id, signedInAt));
    for (let i = 0; i < 3; i++) {
      expect((await sessionOf(client))?.user?.id).toBe(user.id);
      const reissued = await decode({ token: client.sessionCookie(), secret: env().AUTH_SECRET, salt: COOKIE });
      expect(reissued?.exp).toBeLessThanOrEqual(signedInAt + SESSION_MAX_AGE_SECONDS);
    }
  });

  it("S9: a session signed in 12 h ago is refused and its cookie cleared, however recently it was re-issued", async () => {
    const user = await makeUser(db);
    const client = new AuthClient();
    client.jar.set(COOKIE, await cookieFor(user.id, now() - SESSION_MAX_AGE_SECONDS - 1));
    expect(await sessionOf(client)).toBeNull();
    expect(client.sessionCookie()).toBeUndefined();
  });
});

describe("S9: sign-out ends every session of the user", () => {
  it("S9: after sign-out, a copy of the cookie (another device, a thief) is dead too", async () => {
    const email = uniqueEmail("s9");
    const { user } = (await createUser(db, { email, password: PASSWORD })) as { user: { id: string } };
    const browser = new AuthClient();
    expect((await browser.passwordSignIn(email, PASSWORD)).session).toBe(true);
    const thief = new AuthClient("203.0.113.50");
    thief.jar.set(COOKIE, browser.sessionCookie() ?? "");
    expect((await sessionOf(thief))?.user?.id).toBe(user.id);

    const signedOut = await browser.post("/api/auth/signout", { csrfToken: await browser.csrfToken(), callbackUrl: "http://localhost:3000/" });
    expect(signedOut.status).toBe(302);
    expect(await sessionOf(thief)).toBeNull();
    expect((await findUserById(db, user.id))?.sessionVersion).toBe(1);
  });

  it("S9: the dashboard API refuses a session from before the user's last sign-out everywhere", async () => {
    const user = await makeUser(db);
    expect(await codeOf(callerFor(db, user.id, 0).apiKeys.list())).toBe("resolved");
    await bumpSessionVersion(db, user.id);
    expect(await codeOf(callerFor(db, user.id, 0).apiKeys.list())).toBe("UNAUTHORIZED");
    expect(await codeOf(callerFor(db, user.id, 1).apiKeys.list())).toBe("resolved");
  });

  it("S9: a cookie minted under an old session version gets no session", async () => {
    const user = await makeUser(db, uniqueEmail("sv"));
    await bumpSessionVersion(db, user.id);
    const client = new AuthClient();
    client.jar.set(COOKIE, await cookieFor(user.id, now(), 0));
    expect(await sessionOf(client)).toBeNull();
    client.jar.set(COOKIE, await cookieFor(user.id, now(), 1));
    expect((await sessionOf(client))?.user?.id).toBe(user.id);
  });
});
