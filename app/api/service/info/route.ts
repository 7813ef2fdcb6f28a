import { json } from "@/lib/api/respond";
import { getServiceInfo, renameService } from "@/lib/services/service-info";
import { updateInfoBody } from "@/lib/service-api/contract";
import { readServiceJson } from "@/lib/service-api/parse-input";
import { toServiceInfo } from "@/lib/service-api/serialize";
import { methodNotAllowed, serviceRoute } from "@/lib/service-api/service-route";

// GET /api/service/info – the key's service.
export const GET = serviceRoute("read:service", async ({ db, scope }) => json(toServiceInfo(await getServiceInfo(db, scope))));

// PATCH /api/service/info – rename (absent name: unchanged).
export const PATCH = serviceRoute("write:service", async ({ req, db, scope }) => {
  const body = await readServiceJson(req, updateInfoBody);
  return json(toServiceInfo(body.name === undefined ? await getServiceInfo(db, scope) : await renameService(db, scope, body.name)));
});

const other = methodNotAllowed(["GET", "PATCH"]);
export { other as POST, other as PUT, other as DELETE };
