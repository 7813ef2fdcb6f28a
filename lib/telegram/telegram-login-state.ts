/**
 * The Telegram login's state between HTTP requests, kept encrypted in the connect session.
 *
 * There is no column for it: it lives in `connect_sessions.code_verifier_enc`, which only
 * OAuth sessions use (for the PKCE verifier) and which is therefore free for an MTProto
 * session; `finishConnectSession` clears it when the session completes. The AAD
 * `${sessionId}:telegram_login` binds the ciphertext to its row and purpose, so it cannot be
 * replayed into another session or read as a PKCE verifier. The state holds the phone number,
 * the phone_code_hash and the StringSession (the auth key of the data centre that sent the
 * code, which becomes the account's authorized key once signed in): all secret.
 */
import { and, eq, gt } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { connectSessions, type ConnectSession } from "@/db/schema";
import { DecryptionError, decryptSecret, encryptSecret } from "@/lib/crypto";
import { hashForLog, log } from "@/lib/log";

export const codeDeliveries = ["app", "sms", "call", "email", "word", "phrase", "other"] as const;
export type CodeDelivery = (typeof codeDeliveries)[number];

const stateSchema = z.discriminatedUnion("step", [
  z.object({ step: z.literal("code"), session: z.string().min(1), phone: z.string().regex(/^\d{7,15}$/), phoneCodeHash: z.string().min(1), via: z.enum(codeDeliveries) }),
  z.object({ step: z.literal("password"), session: z.string().min(1), hint: z.string().nullable() }),
]);

export type TelegramLoginState = z.infer<typeof stateSchema>;

const aad = (sessionId: string) => `${sessionId}:telegram_login`;

/** The stored state, or undefined when there is none or it does not open (then the login starts over). */
export function readTelegramLoginState(session: ConnectSession): TelegramLoginState | undefined {
  if (!session.codeVerifierEnc) return undefined;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(decryptSecret(session.codeVerifierEnc, aad(session.id))));
    return parsed.success ? parsed.data : undefined;
  } catch (err) {
    if (!(err instanceof DecryptionError) && !(err instanceof SyntaxError)) throw err;
    log().warn({ where: "telegram.state", connectSession: hashForLog(session.id), error: err.name }, "telegram login state did not open; the login starts over");
    return undefined;
  }
}

/**
 * Store (or, with null, clear) the state, only while the session is pending and unexpired.
 * Returns false when the session was used or expired meanwhile.
 */
export async function writeTelegramLoginState(db: DbOrTx, sessionId: string, state: TelegramLoginState | null, now = new Date()): Promise<boolean> {
  const codeVerifierEnc = state ? encryptSecret(JSON.stringify(state), aad(sessionId)) : null;
  const rows = await db
    .update(connectSessions)
    .set({ codeVerifierEnc, ...(state?.step === "code" ? { startedAt: now } : {}) })
    .where(and(eq(connectSessions.id, sessionId), eq(connectSessions.status, "pending"), gt(connectSessions.expiresAt, now)))
    .returning({ id: connectSessions.id });
  return rows.length > 0;
}
