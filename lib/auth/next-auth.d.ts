import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string; sessionVersion: number } & DefaultSession["user"];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** Unix seconds of the sign-in; the session ends 12 h later, however often it is re-issued. */
    signedInAt?: number;
    /** users.session_version at sign-in; a bump (sign-out, password change) ends this session. */
    sv?: number;
  }
}
