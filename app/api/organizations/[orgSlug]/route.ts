import { json } from "@/lib/api/respond";
import { listMembers } from "@/db/queries/orgs";
import { listServices } from "@/db/queries/services";
import { deleteOrganization } from "@/lib/orgs/delete-organization";
import { orgAccess } from "@/lib/orgs/org-access";
import { orgRoute } from "@/lib/service-api/org-route";
import { toOrganization } from "@/lib/service-api/serialize";
import { methodNotAllowed, noContent } from "@/lib/service-api/service-route";

type P = { orgSlug: string };

// GET /api/organizations/:org_slug – any member (a non-member gets the unknown slug's 404).
export const GET = orgRoute<P>(async ({ db, params, userId }) => {
  const access = await orgAccess(db, params.orgSlug, userId);
  const [members, services] = await Promise.all([listMembers(db, access.org.id), listServices(db, access.org.id, { limit: 1, offset: 0 })]);
  return json(toOrganization(access.org, access.role, { members: members.length, services: services.total }));
});

// DELETE /api/organizations/:org_slug?confirm=<org_slug> – owners only; 204. Everything of the org goes with it.
export const DELETE = orgRoute<P>(async ({ req, db, params, userId }) => {
  const access = await orgAccess(db, params.orgSlug, userId);
  await deleteOrganization(db, access, new URL(req.url).searchParams.get("confirm") ?? "");
  return noContent();
});

const other = methodNotAllowed(["GET", "DELETE"]);
export { other as POST, other as PUT, other as PATCH };
