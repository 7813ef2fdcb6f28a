/** Input schemas shared by the MCP tools: the same limits as the REST contract (lib/api/contract). */
import { z } from "zod";

export const providerInput = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "a provider code in lower case, e.g. google")
  .describe("Provider code from list_connections, e.g. google, github, openai");
export const scopesInput = z
  .array(z.string().regex(/^[^\s,]{1,256}$/, "each scope must be one token without spaces or commas"))
  .max(50)
  .describe("Provider scopes (OAuth providers only)");
export const accountInput = z.string().min(1).max(320).describe("Account id or label when several accounts of the provider are connected; default account otherwise");
