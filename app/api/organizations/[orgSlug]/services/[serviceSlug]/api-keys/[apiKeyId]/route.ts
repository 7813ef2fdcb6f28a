import { json } from "@/lib/api/respond";
import { findServiceApiKey } from "@/db/queries/service-keys";
import { notFound } from "@/lib/orgs/org-error";
import { orgRoute } from "@/lib/service-api/org-route";
import { toApiKey } from "@/lib/service-api/serialize";
import { methodNotAllowed, noContent } from "@/lib/service-api/service-route";
import { deleteServiceKey } from "@/lib/service-keys/manage-service-keys";
import { orgServiceAccess } from "@/lib/services/org-service-access";

type P = { orgSlug: string; serviceSlug: string; apiKeyId: string };

// GET …/api-keys/:api_key_id – any member.
export const GET = orgRoute<P>(async ({ db, params, userId }) => {
  const { service } = await orgServiceAccess(db, params.orgSlug, params.serviceSlug, userId);
  const key = await findServiceApiKey(db, service.id, params.apiKeyId);
  if (!key) throw notFound("API key not found");
  return json(toApiKey(key));
});

// DELETE …/api-keys/:api_key_id – admins and owners; 204; the key stops working within the key-cache bound.
export const DELETE = orgRoute<P>(async ({ db, params, userId }) => {
  const { access, service } = await orgServiceAccess(db, params.orgSlug, params.serviceSlug, userId, "delete API keys for this service");
  await deleteServiceKey(db, { orgId: access.org.id, userId }, service, params.apiKeyId);
  return noContent();
});

const other = methodNotAllowed(["GET", "DELETE"]);
export { other as POST, other as PUT, other as PATCH };
