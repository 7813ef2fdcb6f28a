/**
 * The Auth.js adapter over our own tables (db/schema.ts). Two changes to the stock Drizzle
 * adapter: users created through GitHub/Google get our `usr_…` ids like every other user,
 * and the sign-in tokens GitHub/Google hand back are dropped before the account row is
 * written.
 */
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { Adapter } from "next-auth/adapters";
import type { Db } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { randomId } from "@/lib/crypto";

export function vaultAdapter(db: Db): Adapter {
  const base = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  return {
    ...base,
    createUser: (user) => {
      if (!base.createUser) throw new Error("adapter cannot create users");
      return base.createUser({ ...user, id: randomId("usr") });
    },
    linkAccount: (account) => {
      if (!base.linkAccount) throw new Error("adapter cannot link accounts");
      // A vault must not keep credentials it never uses: the dashboard only needs to know
      // who signed in (provider + providerAccountId). Storing GitHub/Google sign-in tokens
      // would put live, unencrypted access to the user's account in a table nobody reads.
      // (Connections made for agents go through lib/oauth and are encrypted.)
      return base.linkAccount({ ...account, access_token: undefined, refresh_token: undefined, id_token: undefined });
    },
  };
}
