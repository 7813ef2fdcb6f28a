/**
 * Dashboard authentication (Auth.js v5). Email + password (argon2id, lib/users), plus
 * GitHub/Google when configured. Sessions are JWTs carrying the user id; every page and
 * mutation checks the session itself (requireUser, tRPC's protectedProcedure), proxy.ts
 * is only a convenience redirect.
 *
 * The lazy config form lets the adapter get the database, which opens asynchronously.
 */
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db";
import { bumpSessionVersion, findUserByEmail, findUserById, markEmailVerified } from "@/db/queries/users";
import { clientIp } from "@/lib/api/client-ip";
import { checkAuthRate } from "@/lib/users/check-auth-rate";
import { signUpAllowed } from "@/lib/users/sign-up-policy";
import { verifyCredentials } from "@/lib/users/create-user";
import { vaultAdapter } from "./adapter";
import { baseAuthConfig, sessionSecondsLeft } from "./base-config";
import { socialAuthProviders } from "./sign-in-providers";

// Sign-in only checks the shape; password rules apply when an account is created.
const signInInput = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) });

/** Thrown by authorize() past a limit; Auth.js puts `code` in the redirect (`&code=rate_limited`). */
export class SignInThrottled extends CredentialsSignin {
  override code = "rate_limited";
}

export const { auth, signIn, signOut, handlers } = NextAuth(async () => {
  const db = await getDb();
  const base = baseAuthConfig();
  return {
    ...base,
    adapter: vaultAdapter(db),
    callbacks: {
      ...base.callbacks,
      // GitHub/Google sign-in of an address with no account creates one: only where the
      // public form could (AKHROT_SIGNUP).
      async signIn({ user, account }) {
        if (!account || account.type === "credentials" || signUpAllowed("form")) return true;
        return (user.email && (await findUserByEmail(db, user.email))) ? true : "/sign-in?error=AccountNotCreated";
      },
      // The base rule (12 h from sign-in, never extended) plus the user's session version:
      // sign-out, "sign out everywhere" and a password change bump it, and every token
      // signed in under an older version is refused here, whichever device holds it (S9).
      async jwt({ token, user }) {
        const row = token.sub ? await findUserById(db, token.sub) : undefined;
        if (!row) return null;
        if (user) {
          token.signedInAt = Math.floor(Date.now() / 1000);
          token.sv = row.sessionVersion;
        }
        return sessionSecondsLeft(token) > 0 && row.sessionVersion === token.sv ? token : null;
      },
    },
    events: {
      // Only GitHub/Google sign-in creates users through the adapter; those providers vouch
      // for the address, so the account may act at once (lib/users/account-may-act.ts).
      async createUser({ user }) {
        if (user.id) await markEmailVerified(db, user.id);
      },
      // Sign-out ends every session of the user, not just this browser's cookie (S9).
      async signOut(message) {
        const id = "token" in message ? message.token?.sub : undefined;
        if (id) await bumpSessionVersion(db, id);
      },
    },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, request) {
          const input = signInInput.safeParse(raw);
          if (!input.success) return null;
          // Here, not in the form's action, so every path to a password check passes it: the
          // server action and Auth.js's own POST /api/auth/callback/credentials (S3). Before
          // argon2, so a flood costs us a counter, not 64 MiB and three passes (S7).
          if (await checkAuthRate("sign-in", { email: input.data.email, ip: clientIp(request.headers) })) throw new SignInThrottled();
          const user = await verifyCredentials(db, input.data.email, input.data.password);
          return user ? { id: user.id, email: user.email, name: user.name, image: user.image } : null;
        },
      }),
      ...socialAuthProviders(),
    ],
  };
});
