/**
 * The part of the Auth.js configuration that needs no database: secret, JWT sessions,
 * pages and the callbacks that put the user id on the session. lib/auth/index.ts extends
 * it with the adapter and providers; proxy.ts uses it alone to read the session cookie.
 */
import { AuthError, CredentialsSignin, type NextAuthConfig } from "next-auth";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";

export const SIGN_IN_PATH = "/sign-in";
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export function baseAuthConfig(): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    // Self-hosted behind any proxy: the Host header decides the callback URLs.
    trustHost: true,
    // Credentials sign-in only works with JWT sessions (with an adapter the default is
    // "database", and every /api/auth route then answers 500).
    // A vault's dashboard session is short: 12 hours, extended (re-signed) at most hourly while in use.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
    providers: [],
    callbacks: {
      // Auth.js puts the user id in `sub` on sign-in; copy it to the session we hand out.
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    logger: {
      // A wrong password is an expected outcome, not a server error worth a stack trace.
      error(error) {
        if (error instanceof CredentialsSignin) return;
        const type = error instanceof AuthError ? error.type : error.name;
        logError("auth", error, { type });
      },
    },
  };
}
