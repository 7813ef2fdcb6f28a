import type { Db } from "@/db";
import { findConnectSession, finishConnectSession } from "@/db/queries/connect-sessions";
import { findDefaultConnection } from "@/db/queries/connection-defaults";
import { saveApiKeyConnection } from "@/lib/connections/save-api-key-connection";
import type { FieldErrors } from "@/lib/connections/validate-credential-fields";
import { getProvider } from "@/lib/providers";
import { ownerMayAct, UNVERIFIED_MESSAGE } from "@/lib/users/account-may-act";
import { effectiveStatus } from "./session-status";

/** `replaced`: the key of an existing connection was swapped (the dashboard's "Replace key"). */
/** `isDefault`/`defaultLabel`: which account agents get now, said on the done page (issue 17). */
export type SubmitResult = { ok: true; replaced?: { provider: string }; isDefault?: boolean; defaultLabel?: string } | { ok: false; errors: FieldErrors };

/** The human pasted credentials on the hosted page of an API-key (or Telegram import) session. */
export async function submitHostedCredentials(db: Db, sessionId: string, values: Record<string, unknown>, opts: { makeDefault?: boolean } = {}): Promise<SubmitResult> {
  const session = /^cs_[0-9A-Za-z]{22}$/.test(sessionId) ? await findConnectSession(db, sessionId) : undefined;
  const ownerId = session?.userId;
  if (!session || !ownerId || effectiveStatus(session) !== "pending") return { ok: false, errors: { _form: "This link has expired or was already used. Ask your agent for a new one." } };
  if (!(await ownerMayAct(db, ownerId))) return { ok: false, errors: { _form: UNVERIFIED_MESSAGE } };
  const provider = getProvider(session.provider);
  if (!provider || provider.authType === "oauth2") return { ok: false, errors: { _form: "This provider is connected by signing in, not by pasting a key." } };
  const saved = await saveApiKeyConnection(db, { userId: ownerId, provider, values, apiKeyId: session.apiKeyId, replaceConnectionId: session.replaceConnectionId, makeDefault: opts.makeDefault });
  if (!saved.ok) return saved;
  await finishConnectSession(db, session.id, { status: "completed", connectionId: saved.connection.id });
  if (session.replaceConnectionId) return { ok: true, replaced: { provider: provider.code } };
  const current = await findDefaultConnection(db, ownerId, provider.code);
  return { ok: true, isDefault: saved.connection.isDefault, defaultLabel: current ? (current.accountLabel ?? current.accountId) : undefined };
}
