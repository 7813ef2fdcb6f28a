import { json } from "@/lib/api/respond";
import { updateServiceBody } from "@/lib/service-api/contract";
import { orgRoute } from "@/lib/service-api/org-route";
import { readServiceJson } from "@/lib/service-api/parse-input";
import { toService } from "@/lib/service-api/serialize";
import { methodNotAllowed, noContent } from "@/lib/service-api/service-route";
import { configureProvider, deleteService, listServiceProviders, updateService } from "@/lib/services/manage-services";
import { orgServiceAccess } from "@/lib/services/org-service-access";

type P = { orgSlug: string; serviceSlug: string };

// GET /api/organizations/:org_slug/services/:service_slug – any member.
export const GET = orgRoute<P>(async ({ db, params, userId }) => {
  const { service } = await orgServiceAccess(db, params.orgSlug, params.serviceSlug, userId);
  return json(toService(service, await listServiceProviders(db, service.id)));
});

// PATCH …/services/:service_slug – name, service_type, redirect_uris, providers (each upserted).
export const PATCH = orgRoute<P>(async ({ req, db, params, userId }) => {
  const { access, service } = await orgServiceAccess(db, params.orgSlug, params.serviceSlug, userId, "manage services");
  const body = await readServiceJson(req, updateServiceBody);
  const updated = await updateService(db, access, service, { name: body.name, serviceType: body.service_type, redirectUris: body.redirect_uris, verifyProviderEmail: body.verify_provider_email });
  for (const p of body.providers ?? []) await configureProvider(db, access, updated, p);
  return json(toService(updated, await listServiceProviders(db, service.id)));
});

// DELETE …/services/:service_slug – 204; its keys, plans, links and subscriptions go with it.
export const DELETE = orgRoute<P>(async ({ db, params, userId }) => {
  const { access, service } = await orgServiceAccess(db, params.orgSlug, params.serviceSlug, userId, "manage services");
  await deleteService(db, access, service);
  return noContent();
});

const other = methodNotAllowed(["GET", "PATCH", "DELETE"]);
export { other as POST, other as PUT };
