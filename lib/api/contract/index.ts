/**
 * Request schemas of the public REST contract (DESIGN.md): the single source for the route
 * handlers, the tests and the documentation. Unknown fields are refused so typos surface.
 */
import { z } from "zod";

const providerCode = z.string().min(1, "must not be empty").max(64, "is too long");
/** A scope is a single token: no whitespace or commas (they would split into several at the provider). */
const scope = z.string().regex(/^[^\s,]{1,256}$/, "each scope must be one token without spaces or commas");
const scopes = z.array(scope).max(50, "at most 50 scopes");

export const fetchTokenRequest = z
  .object({ provider: providerCode, account: z.string().min(1).max(320).optional(), scopes: scopes.optional() })
  .strict();
export const fetchTokenExample = '{"provider":"google"}';

export const createSessionRequest = z.object({ provider: providerCode, scopes: scopes.optional() }).strict();
export const createSessionExample = '{"provider":"google"}';

export type FetchTokenRequest = z.infer<typeof fetchTokenRequest>;
export type CreateSessionRequest = z.infer<typeof createSessionRequest>;
