/**
 * The part of the Auth.js configuration that needs no database: secret, JWT sessions,
 * pages and the callbacks that put the user id on the session. lib/auth/index.ts extends
 * it with the adapter and providers; proxy.ts uses it alone to read the session cookie.
 */
import { AuthError, CredentialsSignin, type NextAuthConfig } from "next-auth";
import { encode, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";

export const SIGN_IN_PATH = "/sign-in";
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Seconds this session has left: 12 h after the SIGN-IN, however often it was re-issued
 * since (S9). Auth.js re-signs the JWT with a fresh `exp` on every GET /api/auth/session, so
 * the sign-in time travels in the token (`signedInAt`) and bounds every re-issue. A token
 * without it (issued before this rule) has no time left.
 */
export function sessionSecondsLeft(token: Pick<JWT, "signedInAt">, now = nowSeconds()): number {
  return typeof token.signedInAt === "number" ? token.signedInAt + SESSION_MAX_AGE_SECONDS - now : 0;
}

export function baseAuthConfig(): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    // Self-hosted behind any proxy: the Host header decides the callback URLs.
    trustHost: true,
    // Credentials sign-in only works with JWT sessions (with an adapter the default is
    // "database", and every /api/auth route then answers 500).
    // A vault's dashboard session is short: 12 hours from sign-in, never extended (see sessionSecondsLeft).
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    jwt: {
      // Every re-issue expires when the sign-in's 12 h do, not 12 h after the re-issue.
      encode: (params) => encode({ ...params, maxAge: Math.max(1, Math.min(params.maxAge ?? SESSION_MAX_AGE_SECONDS, params.token ? sessionSecondsLeft(params.token) : 0)) }),
    },
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
    providers: [],
    callbacks: {
      // Stamps the sign-in time once; afterwards refuses (null = signed out) past 12 h.
      jwt({ token, user }) {
        if (user) token.signedInAt = nowSeconds();
        return sessionSecondsLeft(token) > 0 ? token : null;
      },
      // Auth.js puts the user id in `sub` on sign-in; copy it to the session we hand out.
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.user.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
        if (typeof token.signedInAt === "number") {
          const ends = new Date((token.signedInAt + SESSION_MAX_AGE_SECONDS) * 1000);
          Object.assign(session, { expires: ends.toISOString() });
        }
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
