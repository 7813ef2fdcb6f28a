import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { listApiKeysForUser } from "@/db/queries/api-keys";
import { createApiKey, maskApiKey, revokeApiKey, setMcpReveal } from "@/lib/api-keys";
import { isProviderCode } from "@/lib/providers";
import { accountMayAct, UNVERIFIED_MESSAGE } from "@/lib/users/account-may-act";
import { expiryPresets, MAX_EXPIRY_MS, resolveExpiry } from "../key-expiry";
import { protectedProcedure, router } from "../init";

const createInput = z.object({
  name: z.string().trim().min(1, "Give the key a name.").max(80, "Name must be at most 80 characters."),
  expiry: z
    .union([
      z.enum(expiryPresets),
      z.date().refine((d) => {
        const ms = d.getTime() - Date.now();
        return ms > 0 && ms <= MAX_EXPIRY_MS;
      }, "Pick an expiry date in the future, at most 5 years ahead."),
    ])
    .optional(),
  providers: z
    .array(z.string().refine(isProviderCode, { error: (issue) => `Unknown provider: ${String(issue.input)}.` }))
    .max(64)
    .optional(),
});

export type KeyListItem = {
  id: string;
  name: string;
  masked: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  providers: string[] | null;
  revokedAt: Date | null;
  /** MCP clients using this key may read credentials (get_credential). */
  mcpRevealCredentials: boolean;
  /** Set when the row is an MCP client's OAuth grant (claude.ai, ChatGPT, …) rather than a minted key: its redirect host. */
  oauthClientHost: string | null;
};

export const apiKeysRouter = router({
  // Every key of the signed-in user, newest first; never the key or its hash.
  list: protectedProcedure.query(async ({ ctx }): Promise<KeyListItem[]> => {
    const rows = await listApiKeysForUser(ctx.db, ctx.user.id);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      // An OAuth grant has no key to mask: the client's redirect host identifies it.
      masked: r.mcpGrantId ? `OAuth · ${r.mcpClientHost ?? "unknown"}` : maskApiKey(r.lastFour),
      createdAt: r.createdAt,
      lastUsedAt: r.lastUsedAt,
      expiresAt: r.expiresAt,
      providers: r.providers,
      revokedAt: r.revokedAt,
      mcpRevealCredentials: r.mcpRevealCredentials,
      oauthClientHost: r.mcpGrantId ? (r.mcpClientHost ?? "unknown") : null,
    }));
  }),

  // Mint a key; the plaintext is in this response only.
  create: protectedProcedure.input(createInput).mutation(async ({ ctx, input }) => {
    if (!accountMayAct(ctx.user)) throw new TRPCError({ code: "FORBIDDEN", message: UNVERIFIED_MESSAGE });
    const { key, row } = await createApiKey(ctx.db, {
      userId: ctx.user.id,
      name: input.name,
      providers: input.providers?.length ? input.providers : null,
      expiresAt: resolveExpiry(input.expiry),
    });
    return { id: row.id, name: row.name, key, masked: maskApiKey(row.lastFour), expiresAt: row.expiresAt, providers: row.providers };
  }),

  // Revoke one of the signed-in user's keys (the owner check is in the UPDATE itself).
  revoke: protectedProcedure.input(z.object({ id: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    const row = await revokeApiKey(ctx.db, input.id, ctx.user.id);
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No active key with that id." });
    return { id: row.id, revokedAt: row.revokedAt };
  }),

  // Let MCP clients using this key read credentials (get_credential), or stop them. Off by default.
  setMcpReveal: protectedProcedure.input(z.object({ id: z.string().min(1).max(64), enabled: z.boolean() })).mutation(async ({ ctx, input }) => {
    const row = await setMcpReveal(ctx.db, input.id, ctx.user.id, input.enabled);
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No active key with that id." });
    return { id: row.id, mcpRevealCredentials: row.mcpRevealCredentials };
  }),
});
