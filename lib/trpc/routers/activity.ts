import { z } from "zod";
import { listApiKeysForUser } from "@/db/queries/api-keys";
import { listAuditEvents } from "@/db/queries/audit";
import { listAuditProviders } from "@/db/queries/dashboard-connections";
import type { ApiKey, AuditEvent } from "@/db/schema";
import { maskApiKey } from "@/lib/api-keys";
import { getProvider } from "@/lib/providers";
import { protectedProcedure, router } from "../init";

export const ACTIVITY_PAGE_SIZE = 25;

const listInput = z.object({
  provider: z.string().min(1).max(64).optional(),
  apiKeyId: z.string().min(1).max(64).optional(),
  outcome: z.enum(["success", "failure"]).optional(),
  /** The id of the last event already shown (keyset pagination, newest first). */
  cursor: z.number().int().positive().nullish(),
  limit: z.number().int().min(1).max(100).default(ACTIVITY_PAGE_SIZE),
});

/** The detail fields the page shows. Audit rows hold no secrets; this also keeps out ids and noise. */
export type ActivityDetail = {
  account?: string;
  error?: string;
  /** What the agent was told, for refused and failed agent calls. */
  message?: string;
  /** The agent call, as a route template: "POST /tokens/fetch". */
  call?: string;
  revocation?: string;
  status?: number;
  name?: string;
  scopes?: string[];
  missingScopes?: string[];
};

export type ActivityKey = { id: string; name: string; masked: string; revoked: boolean };

export type ActivityItem = {
  id: number;
  at: Date;
  action: string;
  provider: string | null;
  providerName: string | null;
  key: ActivityKey | null;
  outcome: "success" | "failure";
  detail: ActivityDetail;
  /** How many identical events this row stands for (audit_events.count; > 1 only for batched agent events). */
  count: number;
};

const text = (v: unknown) => (typeof v === "string" && v ? v.slice(0, 200) : undefined);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string").slice(0, 50) : undefined);

export function pickDetail(d: Record<string, unknown>): ActivityDetail {
  const out: ActivityDetail = {
    account: text(d.account),
    error: text(d.error),
    message: typeof d.message === "string" && d.message ? d.message.slice(0, 300) : undefined,
    call: text(d.call),
    revocation: text(d.revocation),
    status: typeof d.status === "number" ? d.status : undefined,
    name: text(d.name),
    scopes: list(d.scopes),
    missingScopes: list(d.missingScopes),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ActivityDetail;
}

export function toKey(k: ApiKey): ActivityKey {
  return { id: k.id, name: k.name, masked: maskApiKey(k.lastFour), revoked: Boolean(k.revokedAt) };
}

function toItem(e: AuditEvent, keys: Map<string, ActivityKey>): ActivityItem {
  return {
    id: e.id,
    at: e.createdAt,
    action: e.action,
    provider: e.provider,
    providerName: e.provider ? (getProvider(e.provider)?.name ?? e.provider) : null,
    key: e.apiKeyId ? (keys.get(e.apiKeyId) ?? null) : null,
    outcome: e.outcome,
    detail: pickDetail(e.detail),
    count: e.count,
  };
}

export const activityRouter = router({
  // The signed-in user's audit events, newest first, one page at a time.
  list: protectedProcedure.input(listInput).query(async ({ ctx, input }) => {
    const [events, keyRows] = await Promise.all([
      listAuditEvents(ctx.db, ctx.user.id, { provider: input.provider, apiKeyId: input.apiKeyId, outcome: input.outcome, before: input.cursor ?? undefined, limit: input.limit + 1 }),
      listApiKeysForUser(ctx.db, ctx.user.id),
    ]);
    const keys = new Map(keyRows.map((k) => [k.id, toKey(k)]));
    const page = events.slice(0, input.limit);
    const last = page.at(-1);
    return { items: page.map((e) => toItem(e, keys)), nextCursor: events.length > input.limit && last ? last.id : null };
  }),

  // What the filters offer: providers seen in the user's activity, and the user's keys.
  filters: protectedProcedure.query(async ({ ctx }) => {
    const [codes, keyRows] = await Promise.all([listAuditProviders(ctx.db, ctx.user.id), listApiKeysForUser(ctx.db, ctx.user.id)]);
    const providers = codes.map((code) => ({ code, name: getProvider(code)?.name ?? code })).sort((a, b) => a.name.localeCompare(b.name, "en"));
    return { providers, keys: keyRows.map(toKey) };
  }),
});
