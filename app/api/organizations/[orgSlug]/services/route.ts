import { json } from "@/lib/api/respond";
import { listServices } from "@/db/queries/services";
import { createServiceBody } from "@/lib/service-api/contract";
import { orgRoute } from "@/lib/service-api/org-route";
import { parsePage, readServiceJson } from "@/lib/service-api/parse-input";
import { toService } from "@/lib/service-api/serialize";
import { createService, listServiceProviders } from "@/lib/services/manage-services";
import { activeOrgAccess } from "@/lib/services/org-service-access";
import { methodNotAllowed } from "@/lib/service-api/service-route";

type P = { orgSlug: string };

// GET /api/organizations/:org_slug/services – any member.
export const GET = orgRoute<P>(async ({ req, db, params, userId }) => {
  const access = await activeOrgAccess(db, params.orgSlug, userId);
  const { rows, total } = await listServices(db, access.org.id, parsePage(req));
  return json({ services: rows.map((s) => toService(s)), total });
});

// POST /api/organizations/:org_slug/services – admins and owners; creates the default `free` plan too.
export const POST = orgRoute<P>(async ({ req, db, params, userId }) => {
  const access = await activeOrgAccess(db, params.orgSlug, userId, "manage services");
  const body = await readServiceJson(req, createServiceBody);
  const legacy = (["github", "google", "microsoft"] as const).flatMap((p) => {
    const scopes = body[`${p}_scopes`];
    return scopes ? [{ provider: p, scopes }] : [];
  });
  const service = await createService(db, { orgId: access.org.id, userId }, { slug: body.slug, name: body.name, serviceType: body.service_type, redirectUris: body.redirect_uris, providers: [...legacy, ...(body.providers ?? [])] });
  return json(toService(service, await listServiceProviders(db, service.id)), { status: 201 });
});

const other = methodNotAllowed(["GET", "POST"]);
export { other as PUT, other as PATCH, other as DELETE };
