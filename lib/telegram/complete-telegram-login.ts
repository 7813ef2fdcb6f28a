import type { Db } from "@/db";
import { finishConnectSession } from "@/db/queries/connect-sessions";
import type { ConnectSession } from "@/db/schema";
import { saveApiKeyConnection } from "@/lib/connections/save-api-key-connection";
import { getProvider } from "@/lib/providers";
import { completeTelegramGrant } from "@/lib/provider-tokens/complete-grant";
import type { TelegramIdentity } from "./telegram-identity";
import type { TelegramLoginView } from "./telegram-login-view";

/**
 * Signed in: store the authorized StringSession exactly as an imported one (encrypted, in the
 * `sessionString` field the catalog names) and complete the connect session, which also clears
 * the login state from code_verifier_enc. A service's grant session (no owner) finishes
 * through the grant instead, and the view names where the browser goes back to.
 */
export async function completeTelegramLogin(db: Db, session: ConnectSession, sessionString: string, identity?: TelegramIdentity): Promise<TelegramLoginView> {
  const provider = getProvider(session.provider);
  if (provider?.authType !== "mtproto") return { step: "closed", error: "This link is not for Telegram." };
  if (!sessionString) throw new Error("the Telegram client returned an empty session");
  if (session.providerTokenRequestId) return completeTelegramGrant(db, session, provider, sessionString, identity);
  if (!session.userId) return { step: "closed", error: "This link is not for Telegram." };
  const saved = await saveApiKeyConnection(db, { userId: session.userId, provider, values: { sessionString }, apiKeyId: session.apiKeyId, identity, makeDefault: session.makeDefault });
  if (!saved.ok) return { step: "closed", error: saved.errors._form ?? "Akhrot could not store this Telegram session. Ask your agent for a new link." };
  await finishConnectSession(db, session.id, { status: "completed", connectionId: saved.connection.id });
  return { step: "done" };
}
