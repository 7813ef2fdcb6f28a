import { json } from "@/lib/api/respond";
import { serviceErrorBody } from "@/lib/service-api/envelope";

// Any other /api/organizations/* path: a 404 in AuthOS's error body.
async function unknownRoute(req: Request): Promise<Response> {
  return json(serviceErrorBody("NOT_FOUND", `No organization API route ${req.method} ${new URL(req.url).pathname}`), { status: 404 });
}

export { unknownRoute as GET, unknownRoute as POST, unknownRoute as PUT, unknownRoute as PATCH, unknownRoute as DELETE };
