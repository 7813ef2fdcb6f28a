import { json } from "@/lib/api/respond";
import { linkServiceUser, listServiceUsers } from "@/lib/end-users/service-users";
import { createUserBody } from "@/lib/service-api/contract";
import { parsePage, readServiceJson } from "@/lib/service-api/parse-input";
import { toServiceUser } from "@/lib/service-api/serialize";
import { methodNotAllowed, serviceRoute } from "@/lib/service-api/service-route";

// GET /api/service/users – the service's end users, most recently linked first.
export const GET = serviceRoute("read:users", async ({ req, db, scope }) => {
  const { users, total } = await listServiceUsers(db, scope, parsePage(req));
  return json({ users: users.map(toServiceUser), total });
});

// POST /api/service/users – link an end user by email: 201 when newly linked, 200 when already linked.
export const POST = serviceRoute("write:users", async ({ req, db, scope }) => {
  const body = await readServiceJson(req, createUserBody);
  const { user, created } = await linkServiceUser(db, scope, body.email);
  return json(toServiceUser(user), { status: created ? 201 : 200 });
});

const other = methodNotAllowed(["GET", "POST"]);
export { other as PUT, other as PATCH, other as DELETE };
