/**
 * The `action_required` half of POST /api/service/provider-tokens (AUTHOS-SERVICE-API.md §5.1):
 * choose the service's registered redirect URI, store a pending request (15 minutes, single
 * use) and hand back the hosted link. The link's state is a bearer capability for the end
 * user's browser, so only its SHA-256 is stored: a database read does not yield a live link.
 */
import { randomBytes } from "node:crypto";
import type { DbOrTx } from "@/db";
import { insertTokenRequest } from "@/db/queries/provider-tokens";
import type { ServiceRow } from "@/db/schema";
import { randomId, sha256Hex } from "@/lib/crypto";
import { badRequest } from "@/lib/orgs/org-error";
import type { providerTokenActionCodes } from "@/lib/service-api/responses";

export const TOKEN_REQUEST_TTL_MS = 15 * 60 * 1000;
export const tokenRequestPath = (state: string) => `/connect/provider-token/${state}`;
export const isRequestState = (s: string) => /^[A-Za-z0-9_-]{43}$/.test(s);

export type ActionCode = (typeof providerTokenActionCodes)[number];

/** AuthOS's order and messages: a supplied URI must match exactly; none supplied → the first registered. */
export function chooseRedirectUri(service: ServiceRow, supplied: string | undefined): string {
  const registered = service.redirectUris;
  if (supplied !== undefined) {
    if (!registered.length) throw badRequest("No redirect URIs are registered for this service");
    if (!registered.includes(supplied)) throw badRequest(`redirect_uri '${supplied.slice(0, 200)}' is not registered for this service`);
    return supplied;
  }
  const first = registered[0];
  if (first === undefined) throw badRequest("redirect_uri is required");
  return first;
}

export async function createTokenRequest(
  db: DbOrTx,
  input: { service: ServiceRow; endUserId: string; provider: string; connectionId: string | null; scopes: string[]; redirectUri: string; clientState: string | undefined; baseUrl: string; now: Date },
): Promise<string> {
  const state = randomBytes(32).toString("base64url");
  await insertTokenRequest(db, {
    id: randomId("ptr"),
    stateHash: sha256Hex(state),
    endUserId: input.endUserId,
    serviceId: input.service.id,
    provider: input.provider,
    connectionId: input.connectionId,
    requestedScopes: input.scopes,
    redirectUri: input.redirectUri,
    clientState: input.clientState ?? null,
    expiresAt: new Date(input.now.getTime() + TOKEN_REQUEST_TTL_MS),
  });
  return `${input.baseUrl}${tokenRequestPath(state)}`;
}
