import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Db } from "@/db";
import type { WebhookOwner } from "@/db/queries/webhooks";
import { webhookEventTypes } from "@/db/schema";
import { orgManager } from "@/lib/orgs/org-access";
import { accountMayAct, UNVERIFIED_MESSAGE } from "@/lib/users/account-may-act";
import { createWebhookEndpoint, endpointDeliveries, listEndpoints, removeEndpoint, sendTestEvent, setEndpointEnabled, WebhookError } from "@/lib/webhooks";
import { orgCall } from "../org-procedure";
import { protectedProcedure, router } from "../init";

/** Whose endpoints: the signed-in person's, or (orgSlug) an organization's, for its owners and admins only. */
const scope = z.object({ orgSlug: z.string().min(1).max(64).optional() });
const one = scope.extend({ id: z.string().min(1).max(64) });

async function ownerFor(db: Db, userId: string, orgSlug: string | undefined): Promise<WebhookOwner> {
  if (!orgSlug) return { userId };
  const access = await orgCall(() => orgManager(db, orgSlug, userId, "manage webhooks"));
  return { orgId: access.org.id };
}

/** WebhookError → the tRPC code the dashboard shows; its message is the domain's own. */
async function webhookCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof WebhookError) throw new TRPCError({ code: e.code, message: e.message });
    throw e;
  }
}

export const webhooksRouter = router({
  // The endpoints and the events one may subscribe to; never a secret.
  list: protectedProcedure.input(scope).query(async ({ ctx, input }) => ({
    endpoints: await listEndpoints(ctx.db, await ownerFor(ctx.db, ctx.user.id, input.orgSlug)),
    eventTypes: [...webhookEventTypes],
  })),

  // Register an endpoint; the signing secret is in this response only.
  create: protectedProcedure
    .input(scope.extend({ url: z.string().trim().min(1, "Enter the receiver's URL.").max(2048), events: z.array(z.string().max(64)).max(webhookEventTypes.length) }))
    .mutation(async ({ ctx, input }) => {
      if (!input.orgSlug && !accountMayAct(ctx.user)) throw new TRPCError({ code: "FORBIDDEN", message: UNVERIFIED_MESSAGE });
      const owner = await ownerFor(ctx.db, ctx.user.id, input.orgSlug);
      return webhookCall(() => createWebhookEndpoint(ctx.db, owner, { url: input.url, events: input.events }));
    }),

  setEnabled: protectedProcedure.input(one.extend({ enabled: z.boolean() })).mutation(async ({ ctx, input }) => {
    const owner = await ownerFor(ctx.db, ctx.user.id, input.orgSlug);
    return webhookCall(() => setEndpointEnabled(ctx.db, owner, input.id, input.enabled));
  }),

  remove: protectedProcedure.input(one).mutation(async ({ ctx, input }) => {
    const owner = await ownerFor(ctx.db, ctx.user.id, input.orgSlug);
    await webhookCall(() => removeEndpoint(ctx.db, owner, input.id));
    return { id: input.id };
  }),

  // The delivery log of one endpoint, newest first: event, attempts, status code, times.
  deliveries: protectedProcedure.input(one).query(async ({ ctx, input }) => {
    const owner = await ownerFor(ctx.db, ctx.user.id, input.orgSlug);
    return webhookCall(() => endpointDeliveries(ctx.db, owner, input.id));
  }),

  // Queue a `webhook.test` event for this endpoint; returns its webhook-id.
  sendTest: protectedProcedure.input(one).mutation(async ({ ctx, input }) => {
    const owner = await ownerFor(ctx.db, ctx.user.id, input.orgSlug);
    return { messageId: await webhookCall(() => sendTestEvent(ctx.db, owner, input.id)) };
  }),
});
