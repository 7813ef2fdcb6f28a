import { json } from "@/lib/api/respond";
import { requireLinkedUser, unlinkServiceUser } from "@/lib/end-users/service-users";
import { forbidden } from "@/lib/orgs/org-error";
import { updateUserBody } from "@/lib/service-api/contract";
import { readServiceJson } from "@/lib/service-api/parse-input";
import { toServiceUser } from "@/lib/service-api/serialize";
import { methodNotAllowed, noContent, serviceRoute } from "@/lib/service-api/service-route";

type P = { userId: string };

// GET /api/service/users/:user_id – one linked end user (unknown and foreign ids alike: 404).
export const GET = serviceRoute<P>("read:users", async ({ db, scope, params }) => json(toServiceUser(await requireLinkedUser(db, scope, params.userId))));

// PATCH /api/service/users/:user_id – AuthOS lets no service key change profile fields: an email is refused, nothing else changes.
export const PATCH = serviceRoute<P>("write:users", async ({ req, db, scope, params }) => {
  const body = await readServiceJson(req, updateUserBody);
  if (body.email !== undefined) throw forbidden("Service API keys cannot update organization user profile fields");
  return json(toServiceUser(await requireLinkedUser(db, scope, params.userId)));
});

// DELETE /api/service/users/:user_id – unlink from this service only (requests canceled, subscription deleted, grants revoked).
export const DELETE = serviceRoute<P>("delete:users", async ({ db, scope, params }) => {
  await unlinkServiceUser(db, scope, params.userId);
  return noContent();
});

const other = methodNotAllowed(["GET", "PATCH", "DELETE"]);
export { other as POST, other as PUT };
