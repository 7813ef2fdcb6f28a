/**
 * The MCP authorization server's key material. The ES256 signing key (oidc-provider signs ID
 * tokens with it; access tokens are opaque) is generated once, stored encrypted under
 * AKHROT_ENCRYPTION_KEY in mcp_oauth_models, and shared by every instance; a race between two
 * first starts is settled by the insert. Cookie-signing keys are derived from AUTH_SECRET, so
 * they need no storage and change when the dashboard's own secret does.
 */
import { generateKeyPairSync, hkdfSync } from "node:crypto";
import { getDb } from "@/db";
import { findMcpOauthRecord, insertMcpOauthRecordIfAbsent } from "@/db/queries/mcp-oauth";
import { decryptSecret, encryptSecret, sha256Hex } from "@/lib/crypto";
import { env } from "@/lib/env";

const MODEL = "SigningKey";
const ID_HASH = sha256Hex("SigningKey:current");
const AAD = "mcp_oauth:signing_key";

export type SigningJwk = Record<string, unknown> & { kid: string; alg: "ES256"; use: "sig" };

function newSigningJwk(): SigningJwk {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" }) as Record<string, unknown>;
  return { ...jwk, kid: sha256Hex(String(jwk.x)).slice(0, 16), alg: "ES256", use: "sig" };
}

export async function signingJwk(): Promise<SigningJwk> {
  const db = await getDb();
  const found = await findMcpOauthRecord(db, MODEL, ID_HASH);
  if (!found) {
    await insertMcpOauthRecordIfAbsent(db, { model: MODEL, idHash: ID_HASH, payload: { sealed: encryptSecret(JSON.stringify(newSigningJwk()), AAD) } });
    return signingJwk();
  }
  const sealed = found.payload.sealed;
  if (typeof sealed !== "string") throw new Error("mcp_oauth_models: the signing key record is malformed");
  return JSON.parse(decryptSecret(sealed, AAD)) as SigningJwk;
}

/** Keys oidc-provider signs its cookies with (Keygrip), derived from AUTH_SECRET. */
export function cookieKeys(): string[] {
  const secret = env().AUTH_SECRET;
  return [Buffer.from(hkdfSync("sha256", secret, "akhrot", "mcp-oauth cookies v1", 32)).toString("base64url")];
}
