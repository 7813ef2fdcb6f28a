/**
 * Endpoint signing secrets: `whsec_` + base64 of 32 random bytes, the format the
 * `standardwebhooks` library (and Svix) take as is. Stored sealed to the endpoint's row
 * (lib/crypto, AAD `${id}:secret`) because delivery must sign with it again: unlike an API key,
 * a hash would not do. Shown once, at creation.
 */
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto";

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export const sealWebhookSecret = (endpointId: string, secret: string) => encryptSecret(secret, `${endpointId}:secret`);
export const openWebhookSecret = (endpointId: string, secretEnc: string) => decryptSecret(secretEnc, `${endpointId}:secret`);
