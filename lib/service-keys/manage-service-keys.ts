/** Mint and delete service keys (audited `api_key.created` / `api_key.deleted`, as AuthOS does, in the same transaction). */
import type { Db } from "@/db";
import { deleteServiceApiKey, insertServiceApiKey } from "@/db/queries/service-keys";
import type { ServiceApiKey, ServiceRow } from "@/db/schema";
import { randomId, sha256Hex } from "@/lib/crypto";
import { badRequest, notFound } from "@/lib/orgs/org-error";
import { recordOrgEvent } from "@/lib/orgs/record-org-event";
import { emitWebhookEvent } from "@/lib/webhooks";
import type { Actor } from "@/lib/services/manage-services";
import { validatePermissions } from "./permissions";
import { forgetServiceKey } from "./service-key-cache";
import { displayPrefix, generateServiceKey } from "./service-key-format";

export type CreateServiceKeyInput = { name: string; permissions: string[]; expiresInDays?: number | null };

/** Upper bound on `expires_in_days` (AuthOS takes any i64; ten years is plenty and keeps dates valid). */
export const MAX_EXPIRES_IN_DAYS = 3650;

export async function createServiceKey(db: Db, actor: Actor, service: ServiceRow, input: CreateServiceKeyInput, now = new Date()): Promise<{ key: string; row: ServiceApiKey }> {
  const name = input.name.trim();
  if (!name) throw badRequest("name: must not be empty");
  if (name.length > 100) throw badRequest("name: must be at most 100 characters");
  const permissions = validatePermissions(input.permissions);
  const days = input.expiresInDays;
  if (days !== undefined && days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRES_IN_DAYS)) throw badRequest(`expires_in_days: must be an integer from 1 to ${MAX_EXPIRES_IN_DAYS}`);
  const key = generateServiceKey();
  return db.transaction(async (tx) => {
    const row = await insertServiceApiKey(tx, {
      id: randomId("skey"),
      serviceId: service.id,
      name,
      prefix: displayPrefix(key),
      keyHash: sha256Hex(key),
      permissions,
      createdBy: actor.userId,
      expiresAt: days ? new Date(now.getTime() + days * 86_400_000) : null,
    });
    await recordOrgEvent(tx, {
      orgId: actor.orgId,
      serviceId: service.id,
      actorUserId: actor.userId,
      action: "api_key.created",
      targetType: "api_key",
      targetId: row.id,
      detail: { api_key_id: row.id, service_id: service.id, service_slug: service.slug, name, permissions, expires_at: row.expiresAt?.toISOString() ?? null },
    });
    await emitWebhookEvent(tx, { orgId: actor.orgId }, "api_key.created", { apiKeyId: row.id, serviceId: service.id, name, permissions, expiresAt: row.expiresAt?.toISOString() ?? null });
    return { key, row };
  });
}

export async function deleteServiceKey(db: Db, actor: Actor, service: ServiceRow, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await deleteServiceApiKey(tx, service.id, id);
    if (!row) throw notFound("API key not found");
    await recordOrgEvent(tx, { orgId: actor.orgId, serviceId: service.id, actorUserId: actor.userId, action: "api_key.deleted", targetType: "api_key", targetId: row.id, detail: { api_key_id: row.id, service_id: service.id, service_slug: service.slug, name: row.name } });
    await emitWebhookEvent(tx, { orgId: actor.orgId }, "api_key.revoked", { apiKeyId: row.id, serviceId: service.id, name: row.name });
  });
  await forgetServiceKey(id);
}
