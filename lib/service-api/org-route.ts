/**
 * The wrapper for organization management (`/api/organizations/:org_slug/…`, AuthOS's paths):
 * the dashboard session (Auth.js cookie, its user must still exist), the same-origin check on
 * every mutation (lib/api/same-origin.ts), then the handler; anything thrown becomes AuthOS's
 * error body. Org role checks are the handler's (lib/orgs/org-access.ts), since they differ per action.
 */
import { getDb, type Db } from "@/db";
import { findUserById } from "@/db/queries/users";
import { isSameOriginRequest } from "@/lib/api/same-origin";
import { auth } from "@/lib/auth/auth";
import { env } from "@/lib/env";
import { OrgError } from "@/lib/orgs/org-error";
import { toServiceErrorResponse } from "./envelope";

type RouteContext<P> = { params: Promise<P> };
export type OrgCtx<P> = { req: Request; params: P; db: Db; userId: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function orgRoute<P>(handler: (ctx: OrgCtx<P>) => Promise<Response>) {
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      if (!SAFE_METHODS.has(req.method) && !isSameOriginRequest(req, env().APP_URL)) throw new OrgError("FORBIDDEN", "Cross-site request refused");
      const db = await getDb();
      const id = (await auth())?.user?.id;
      const user = id ? await findUserById(db, id) : undefined;
      if (!user) throw new OrgError("UNAUTHORIZED", "Sign in to the dashboard to manage organizations");
      return await handler({ req, params: await context.params, db, userId: user.id });
    } catch (err) {
      return toServiceErrorResponse(err);
    }
  };
}
