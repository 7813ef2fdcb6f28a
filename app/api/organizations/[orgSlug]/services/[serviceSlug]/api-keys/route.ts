import { json } from "@/lib/api/respond";
import { listServiceApiKeys } from "@/db/queries/service-keys";
import { createApiKeyBody } from "@/lib/service-api/contract";
import { orgRoute } from "@/lib/service-api/org-route";
import { parsePage, readServiceJson } from "@/lib/service-api/parse-input";
import { toApiKey, toApiKeyCreated } from "@/lib/service-api/serialize";
import { createServiceKey } from "@/lib/service-keys/manage-service-keys";
import { orgServiceAccess } from "@/lib/services/org-service-access";
import { methodNotAllowed } from "@/lib/service-api/service-route";

type P = { orgSlug: string; serviceSlug: string };

// GET …/api-keys – any member; newest first; never the key itself.
export const GET = orgRoute<P>(async ({ req, db, params, userId }) => {
  const { service } = await orgServiceAccess(db, params.orgSlug, params.serviceSlug, userId);
  const { rows, total } = await listServiceApiKeys(db, service.id, parsePage(req));
  return json({ api_keys: rows.map(toApiKey), total });
});

// POST …/api-keys – admins and owners; 201 with the key, shown only here.
export const POST = orgRoute<P>(async ({ req, db, params, userId }) => {
  const { access, service } = await orgServiceAccess(db, params.orgSlug, params.serviceSlug, userId, "manage API keys for this service");
  const b = await readServiceJson(req, createApiKeyBody);
  const { key, row } = await createServiceKey(db, { orgId: access.org.id, userId }, service, { name: b.name, permissions: b.permissions, expiresInDays: b.expires_in_days });
  return json(toApiKeyCreated(row, key), { status: 201 });
});

const other = methodNotAllowed(["GET", "POST"]);
export { other as PUT, other as PATCH, other as DELETE };
