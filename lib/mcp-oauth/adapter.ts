/**
 * oidc-provider's storage for the MCP authorization server, in Postgres/PGlite (never its
 * in-memory development adapter: a second instance or a restart would forget every grant).
 *
 * Records are keyed by the SHA-256 of their id, and a token's own id (`jti`) is dropped from the
 * stored payload and put back from the presented value on lookup: access tokens, refresh tokens,
 * codes and session ids are bearer values, and a copy of the table must not hold usable ones.
 * Every record that belongs to a grant carries its grant id, so revoking a grant deletes the
 * grant, its codes and its tokens in one statement. A registered client's secret (clients that
 * asked for client_secret_post/basic) is encrypted under AKHROT_ENCRYPTION_KEY, bound to its row.
 */
import { getDb } from "@/db";
import {
  consumeMcpOauthRecord,
  deleteMcpOauthGrant,
  deleteMcpOauthRecord,
  findMcpOauthRecord,
  findMcpOauthRecordByUid,
  upsertMcpOauthRecord,
} from "@/db/queries/mcp-oauth";
import { decryptSecret, encryptSecret, sha256Hex } from "@/lib/crypto";

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; jti?: string };

function secretAad(clientId: string): string {
  return `mcp_oauth:client_secret:${sha256Hex(clientId)}`;
}

function idHash(model: string, id: string): string {
  return sha256Hex(`${model}:${id}`);
}

export class McpOauthAdapter {
  constructor(private readonly model: string) {}

  async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
    const stored: Payload = { ...payload };
    delete stored.jti;
    if (typeof stored.client_secret === "string") stored.client_secret = encryptSecret(stored.client_secret, secretAad(id));
    const grantId = typeof payload.grantId === "string" ? payload.grantId : this.model === "Grant" ? id : null;
    await upsertMcpOauthRecord(await getDb(), {
      model: this.model,
      idHash: idHash(this.model, id),
      payload: stored,
      grantId,
      uid: typeof payload.uid === "string" ? payload.uid : null,
      expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
    });
  }

  async find(id: string): Promise<Payload | undefined> {
    const row = await findMcpOauthRecord(await getDb(), this.model, idHash(this.model, id));
    return row && this.live(row, id);
  }

  async findByUid(uid: string): Promise<Payload | undefined> {
    const row = await findMcpOauthRecordByUid(await getDb(), this.model, uid);
    // The session's own id is not stored; oidc-provider only compares the account and grants here.
    return row ? this.live(row, undefined) : undefined;
  }

  async findByUserCode(): Promise<undefined> {
    return undefined; // the device flow is not enabled
  }

  async consume(id: string): Promise<void> {
    await consumeMcpOauthRecord(await getDb(), this.model, idHash(this.model, id), new Date());
  }

  async destroy(id: string): Promise<void> {
    await deleteMcpOauthRecord(await getDb(), this.model, idHash(this.model, id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await deleteMcpOauthGrant(await getDb(), grantId);
  }

  private live(row: { payload: Record<string, unknown>; expiresAt: Date | null; consumedAt: Date | null }, id: string | undefined): Payload | undefined {
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;
    const payload: Payload = { ...row.payload };
    if (id && typeof payload.client_secret === "string") payload.client_secret = decryptSecret(payload.client_secret, secretAad(id));
    return {
      ...payload,
      ...(id ? { jti: id } : {}),
      ...(row.consumedAt ? { consumed: Math.floor(row.consumedAt.getTime() / 1000) } : {}),
    };
  }
}
