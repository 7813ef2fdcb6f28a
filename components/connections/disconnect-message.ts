import type { AuthType } from "@/db/schema";
import type { DisconnectOutcome } from "@/lib/trpc/routers/connections";

export type Notice = { tone: "success" | "warning"; text: string };

/**
 * What the human is told after "Disconnect": the credentials are always gone from Akhrot;
 * whether the grant also ended at the provider depends on its revoke endpoint.
 */
export function disconnectMessage(o: DisconnectOutcome, authType: AuthType, account: string | null): Notice {
  const name = o.providerName;
  const what = account ? `${name} (${account})` : name;
  if (!o.deleted) return { tone: "warning", text: `${what} was already disconnected.` };
  switch (o.revocation) {
    case "revoked":
      return { tone: "success", text: `Disconnected ${what}; ${name} confirmed the revocation.` };
    case "failed":
      return { tone: "warning", text: `Disconnected ${what} here; ${name} could not be reached to revoke access — revoke it in your ${name} account settings.` };
    case "unsupported":
      return { tone: "warning", text: `Disconnected ${what} here. ${name} has no revoke endpoint, so remove Akhrot's access in your ${name} account settings if you want it ended there too.` };
    case "not_applicable":
      return authType === "oauth2"
        ? { tone: "warning", text: `Disconnected ${what} here. Akhrot could not ask ${name} to revoke access (no token was stored, or ${name} is no longer configured) — check your ${name} account settings.` }
        : { tone: "success", text: `Disconnected ${what}. The credential is deleted from Akhrot; it still works at ${name} until you delete it there.` };
  }
}
