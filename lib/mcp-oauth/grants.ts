/**
 * What a consent means in Akhrot. oidc-provider runs the protocol; each consent the human gives
 * on /oauth2/consent/{uid} becomes (1) an oidc-provider Grant for the resource `<origin>/mcp`
 * and (2) an api_keys row that stands for that grant (`mcp_grant_id`): the client's name, its
 * redirect host, the provider allow-list the human chose. The row has no usable key. Access
 * tokens the client gets map back to that row, so every tool, the allow-list, the rate limit,
 * last used, the activity log and Revoke treat an MCP client exactly like an agent key.
 *
 * The consent form is bound to the signed-in user and the interaction by an HMAC token
 * (consentCsrfToken): a cross-site post cannot produce it, so nobody can make a signed-in human
 * approve an interaction someone else started.
 */
import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { InteractionRecord } from "oidc-provider";
import { getDb, type Db } from "@/db";
import { findApiKeyByGrantId, insertApiKey } from "@/db/queries/api-keys";
import { ApiError } from "@/lib/api/errors";
import type { AuthedKey } from "@/lib/api-keys";
import { recordEvent } from "@/lib/audit/record-event";
import { randomId, safeEqual, sha256Hex } from "@/lib/crypto";
import { env } from "@/lib/env";
import { isProviderCode } from "@/lib/providers";
import { MCP_SCOPE, mcpOauthProvider, mcpResource } from "./provider";
import { redirectHost } from "./redirect-uris";
import { protectedResourceMetadataUrl } from "./serve";

const GRANTABLE = new Set([MCP_SCOPE, "openid", "offline_access"]);

export type ConsentView =
  | { state: "not_found" }
  | {
      state: "ready";
      uid: string;
      client: { name: string; host: string; clientId: string; verified: boolean };
      resource: string;
    };

/** Printable, capped: the name is whatever the client registered. */
function cleanName(name: unknown): string | undefined {
  if (typeof name !== "string") return undefined;
  const clean = name.replace(/[^\x20-\x7e]/g, "").trim().slice(0, 80);
  return clean || undefined;
}

function csrfKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "akhrot", "mcp-oauth consent csrf v1", 32));
}

export function consentCsrfToken(uid: string, userId: string): string {
  return createHmac("sha256", csrfKey()).update(`${uid}\n${userId}`).digest("base64url");
}

export function consentCsrfMatches(uid: string, userId: string, token: unknown): boolean {
  return typeof token === "string" && safeEqual(token, consentCsrfToken(uid, userId));
}

async function liveInteraction(issuer: string, uid: string): Promise<InteractionRecord | undefined> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(uid)) return undefined;
  const provider = await mcpOauthProvider(issuer);
  const interaction = await provider.Interaction.find(uid);
  // An interaction already answered cannot be answered again (a replayed form post).
  return interaction && !interaction.result ? interaction : undefined;
}

export async function loadConsent(issuer: string, uid: string): Promise<ConsentView> {
  const interaction = await liveInteraction(issuer, uid);
  const clientId = interaction?.params.client_id;
  if (!interaction || typeof clientId !== "string") return { state: "not_found" };
  const client = await (await mcpOauthProvider(issuer)).Client.find(clientId);
  if (!client) return { state: "not_found" };
  // A client ID metadata document is fetched from the client's own https URL: its host vouches for it. A registered client's name is only what it said.
  const cimd = /^https:\/\//.test(clientId);
  return {
    state: "ready",
    uid,
    client: {
      name: cleanName(client.clientName) ?? "Unnamed MCP client",
      host: redirectHost(typeof interaction.params.redirect_uri === "string" ? interaction.params.redirect_uri : client.redirectUris[0]),
      clientId: clientId.slice(0, 200),
      verified: cimd,
    },
    resource: mcpResource(issuer),
  };
}

async function finish(interaction: InteractionRecord, result: Record<string, unknown>): Promise<string> {
  interaction.result = result;
  await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
  return interaction.returnTo;
}

/**
 * The human approved: create the grant and the row that stands for it, and hand the result to
 * oidc-provider. Returns where the browser goes next (the authorization endpoint, which then
 * redirects to the client with a code). Undefined when the interaction is gone or answered.
 */
export async function approveConsent(issuer: string, uid: string, user: { id: string }, providers: string[] | null): Promise<string | undefined> {
  const view = await loadConsent(issuer, uid);
  const interaction = await liveInteraction(issuer, uid);
  if (view.state !== "ready" || !interaction) return undefined;
  const provider = await mcpOauthProvider(issuer);
  const grant = new provider.Grant({ accountId: user.id, clientId: view.client.clientId });
  grant.addResourceScope(view.resource, MCP_SCOPE);
  // The request's scopes this server knows (oidc-provider counts "mcp" among them too). The first
  // prompt is "login", whose details list no scopes, so they come from the request itself.
  const requested = String(interaction.params.scope ?? "").split(" ");
  const known = requested.filter((scope) => GRANTABLE.has(scope));
  if (known.length) grant.addOIDCScope(known.join(" "));
  const grantId = await grant.save();
  const allowed = providers === null ? null : [...new Set(providers.filter(isProviderCode))];
  const db = await getDb();
  const row = await insertApiKey(db, {
    id: randomId("key"),
    userId: user.id,
    name: view.client.name,
    // A digest of a value nobody holds: this row can never be used as an akh_ key.
    keyHash: sha256Hex(`mcp-grant:${grantId}:${randomBytes(32).toString("hex")}`),
    lastFour: "",
    providers: allowed?.length ? allowed : null,
    mcpGrantId: grantId,
    mcpClientHost: view.client.host,
  });
  await recordEvent(db, {
    userId: user.id,
    apiKeyId: row.id,
    action: "mcp.grant",
    detail: { channel: "mcp", client: view.client.name, clientHost: view.client.host, providers: row.providers },
  });
  return finish(interaction, { login: { accountId: user.id }, consent: { grantId } });
}

/** The human said no: the client gets `access_denied` at its redirect URI. */
export async function denyConsent(issuer: string, uid: string): Promise<string | undefined> {
  const interaction = await liveInteraction(issuer, uid);
  if (!interaction) return undefined;
  return finish(interaction, { error: "access_denied", error_description: "The user declined to let this client use Akhrot." });
}

const CHALLENGE_ERROR = "The access token is invalid, expired or revoked. Authorize again.";

/** The 401 every refused OAuth bearer gets: where to find this resource's authorization server. */
export function oauthChallenge(base: string, error = true): Record<string, string> {
  const parts = [`Bearer resource_metadata="${protectedResourceMetadataUrl(base)}"`, `scope="${MCP_SCOPE}"`];
  if (error) parts.push('error="invalid_token"');
  return { "www-authenticate": parts.join(", ") };
}

/**
 * An access token this authorization server issued for `<origin>/mcp`, still valid, whose grant
 * the human has not revoked → the principal the tools run as. Anything else is 401: tokens for
 * another resource (audience), expired or revoked tokens, refresh tokens, unknown strings.
 */
export async function authenticateMcpAccessToken(db: Db, issuer: string, token: string): Promise<AuthedKey> {
  const refuse = () => new ApiError("UNAUTHORIZED", CHALLENGE_ERROR, {}, oauthChallenge(issuer));
  if (!/^[A-Za-z0-9_-]{20,128}$/.test(token)) throw refuse();
  const provider = await mcpOauthProvider(issuer);
  const found = await provider.AccessToken.find(token);
  if (!found || found.isExpired) throw refuse();
  const audience = Array.isArray(found.aud) ? found.aud : [found.aud];
  if (audience.length !== 1 || audience[0] !== mcpResource(issuer)) throw refuse();
  const match = await findApiKeyByGrantId(db, found.grantId);
  if (!match || match.key.revokedAt || match.key.userId !== found.accountId) throw refuse();
  const { key, email } = match;
  return { id: key.id, userId: key.userId, email, name: key.name, providers: key.providers, mcpRevealCredentials: key.mcpRevealCredentials };
}
