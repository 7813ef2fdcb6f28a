/**
 * tRPC for the dashboard (not the public agent API, which is plain REST in app/).
 * Context = the Auth.js session + the database. `protectedProcedure` checks the session
 * itself and that its user still exists: proxy.ts is only a convenience redirect.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "@/db";
import { findUserById } from "@/db/queries/users";

/** Built per request by ./context.ts (kept apart so procedures load without Next.js, e.g. in vitest). */
export type TRPCContext = { session: Session | null; db: Db; headers: Headers };

export const INTERNAL_MESSAGE = "Something went wrong on the server. Try again in a moment; if it keeps happening, tell the instance operator.";

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // Zod messages (e.g. "Name must be at most 80 characters.") reach the form as a list.
    const issues = error.cause instanceof ZodError ? error.cause.issues.map((i) => i.message) : null;
    // tRPC's default message for an unexpected error is the cause's own message, e.g. drizzle's
    // "Failed query: <sql> params: <values>". Those stay in the server log (./handle-request.ts).
    if (error.code === "INTERNAL_SERVER_ERROR") {
      const { code, httpStatus, path } = shape.data;
      return { ...shape, message: INTERNAL_MESSAGE, data: { code, httpStatus, path, issues: null } };
    }
    return { ...shape, data: { ...shape.data, issues } };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;
export const publicProcedure = t.procedure;

export const protectedProcedure = t.procedure.use(async ({ ctx, next }) => {
  const sessionUser = ctx.session?.user;
  const user = sessionUser?.id ? await findUserById(ctx.db, sessionUser.id) : undefined;
  // A session signed in before the user's last sign-out/password change is over (S9).
  if (!user || user.sessionVersion !== sessionUser?.sessionVersion) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, user: { id: user.id, email: user.email, emailVerified: user.emailVerified } } });
});
