import { z } from "zod";
import { listActiveGrantsForUser, listLinkedEndUsers } from "@/db/queries/end-users";
import { listServiceApiKeys } from "@/db/queries/service-keys";
import { listPlans } from "@/db/queries/services";
import { findSubscription } from "@/db/queries/subscriptions";
import { serviceTypes } from "@/db/schema";
import { serviceActivityByDay, serviceAnalytics } from "@/lib/analytics/service-analytics";
import { assertActive } from "@/lib/orgs/org-access";
import { createServiceKey, deleteServiceKey } from "@/lib/service-keys/manage-service-keys";
import { createPlan, deletePlan } from "@/lib/services/manage-plans";
import { configureProvider, createService, listServiceProviders, removeProvider, updateService } from "@/lib/services/manage-services";
import { activeOrgAccess, orgServiceAccess } from "@/lib/services/org-service-access";
import { revokeGrant } from "@/lib/provider-tokens/revoke-grant";
import { disconnectEndUserAccount } from "@/lib/end-users/disconnect-end-user-account";
import { orgCall } from "../org-procedure";
import { protectedProcedure, router } from "../init";

const ref = z.object({ orgSlug: z.string().min(1).max(64), serviceSlug: z.string().min(1).max(64) });

export const servicesRouter = router({
  create: protectedProcedure
    .input(z.object({ orgSlug: z.string().max(64), slug: z.string().max(64), name: z.string().max(100), serviceType: z.enum(serviceTypes), redirectUris: z.array(z.string().max(2048)).max(20) }))
    .mutation(({ ctx, input }) =>
      orgCall(async () => {
        const access = await activeOrgAccess(ctx.db, input.orgSlug, ctx.user.id, "manage services");
        return (await createService(ctx.db, { orgId: access.org.id, userId: ctx.user.id }, { slug: input.slug, name: input.name, serviceType: input.serviceType, redirectUris: input.redirectUris })).slug;
      }),
    ),

  // Everything the service page shows, in one call.
  get: protectedProcedure.input(ref).query(({ ctx, input }) =>
    orgCall(async () => {
      const { access, service } = await orgServiceAccess(ctx.db, input.orgSlug, input.serviceSlug, ctx.user.id);
      const [providers, plans, keys, users, analytics, daily] = await Promise.all([
        listServiceProviders(ctx.db, service.id),
        listPlans(ctx.db, service.id),
        listServiceApiKeys(ctx.db, service.id, { limit: 100, offset: 0 }),
        listLinkedEndUsers(ctx.db, service.id, { limit: 100, offset: 0 }),
        serviceAnalytics(ctx.db, service.id),
        serviceActivityByDay(ctx.db, service.id),
      ]);
      const endUsers = await Promise.all(
        users.rows.map(async ({ user, linkedAt }) => {
          const [sub, grants] = await Promise.all([findSubscription(ctx.db, service.id, user.id), listActiveGrantsForUser(ctx.db, service.id, user.id)]);
          return { id: user.id, email: user.email, linkedAt, subscription: sub ? { planName: sub.planName, status: sub.sub.status, currentPeriodEnd: sub.sub.currentPeriodEnd } : null, connections: grants.map((g) => ({ grantId: g.id, connectionId: g.connectionId, provider: g.provider, scopes: g.scopes, lastUsedAt: g.lastUsedAt })) };
        }),
      );
      return {
        org: { slug: access.org.slug, name: access.org.name },
        role: access.role,
        service: { id: service.id, slug: service.slug, name: service.name, serviceType: service.serviceType, redirectUris: service.redirectUris, createdAt: service.createdAt },
        providers: providers.map((p) => ({ provider: p.provider, enabled: p.enabled, scopes: p.scopes })),
        plans: plans.map((p) => ({ id: p.id, name: p.name, priceCents: p.priceCents, currency: p.currency, isDefault: p.isDefault })),
        keys: keys.rows.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, permissions: k.permissions, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, expiresAt: k.expiresAt })),
        endUsers,
        totalEndUsers: users.total,
        analytics,
        daily,
      };
    }),
  ),

  update: protectedProcedure.input(ref.extend({ name: z.string().max(100).optional(), redirectUris: z.array(z.string().max(2048)).max(20).optional() })).mutation(({ ctx, input }) =>
    orgCall(async () => {
      const { access, service } = await orgServiceAccess(ctx.db, input.orgSlug, input.serviceSlug, ctx.user.id, "manage services");
      await updateService(ctx.db, access, service, { name: input.name, redirectUris: input.redirectUris });
    }),
  ),

  configureProvider: protectedProcedure.input(ref.extend({ provider: z.string().max(64), enabled: z.boolean(), scopes: z.array(z.string().max(512)).max(100) })).mutation(({ ctx, input }) =>
    orgCall(async () => {
      const { access, service } = await orgServiceAccess(ctx.db, input.orgSlug, input.serviceSlug, ctx.user.id, "manage services");
      await configureProvider(ctx.db, access, service, { provider: input.provider, enabled: input.enabled, scopes: input.scopes });
    }),
  ),

  // An end user's grant to this service (issue 13): revoked, the service must ask the end user again.
  revokeGrant: protectedProcedure.input(ref.extend({ grantId: z.string().min(1).max(64) })).mutation(({ ctx, input }) =>
    orgCall(async () => {
      const { access, service } = await orgServiceAccess(ctx.db, input.orgSlug, input.serviceSlug, ctx.user.id, "manage services");
      await revokeGrant(ctx.db, access, service, input.grantId);
    }),
  ),

  // An end user's account, disconnected: revoked at the provider (as a personal disconnect), deleted, every grant on it revoked.
  disconnectEndUserAccount: protectedProcedure.input(ref.extend({ connectionId: z.string().min(1).max(64) })).mutation(({ ctx, input }) =>
    orgCall(async () => {
      const { access, service } = await orgServiceAccess(ctx.db, input.orgSlug, input.serviceSlug, ctx.user.id, "manage services");
      return disconnectEndUserAccount(ctx.db, access, service, input.connectionId);
    }),
  ),

  removeProvider: protectedProcedure.input(ref.extend({ provider: z.string().max(64) })).mutation(({ ctx, input }) =>
    orgCall(async () => {
      const { access, service } = await orgServiceAccess(ctx.db, input.orgSlug, input.serviceSlug, ctx.user.id, "manage services");
      await removeProvider(ctx.db, access, service, input.provider);
    }),
  ),

  // The key is in this response only.
  createKey: protectedProcedure.input(ref.extend({ name: z.string().max(100), permissions: z.array(z.string().max(100)).max(32), expiresInDays: z.number().int().nullable() })).mutation(({ ctx, input }) =>
    orgCall(async () => {
      const { access, service } = await orgServiceAccess(ctx.db, input.orgSlug, input.serviceSlug, ctx.user.id, "manage API keys for this service");
      assertActive(access);
      const { key } = await createServiceKey(ctx.db, { orgId: access.org.id, userId: ctx.user.id }, service, { name: input.name, permissions: input.permissions, expiresInDays: input.expiresInDays });
      return { key };
    }),
  ),

  deleteKey: protectedProcedure.input(ref.extend({ id: z.string().max(64) })).mutation(({ ctx, input }) =>
    orgCall(async () => {
      const { access, service } = await orgServiceAccess(ctx.db, input.orgSlug, input.serviceSlug, ctx.user.id, "delete API keys for this service");
      await deleteServiceKey(ctx.db, { orgId: access.org.id, userId: ctx.user.id }, service, input.id);
    }),
  ),

  createPlan: protectedProcedure.input(ref.extend({ name: z.string().max(100), priceCents: z.number().int().min(0), currency: z.string().max(3) })).mutation(({ ctx, input }) =>
    orgCall(async () => {
      const { access, service } = await orgServiceAccess(ctx.db, input.orgSlug, input.serviceSlug, ctx.user.id, "manage plans for this service");
      await createPlan(ctx.db, { orgId: access.org.id, userId: ctx.user.id }, service, { name: input.name, priceCents: input.priceCents, currency: input.currency });
    }),
  ),

  deletePlan: protectedProcedure.input(ref.extend({ id: z.string().max(64) })).mutation(({ ctx, input }) =>
    orgCall(async () => {
      const { access, service } = await orgServiceAccess(ctx.db, input.orgSlug, input.serviceSlug, ctx.user.id, "manage plans for this service");
      await deletePlan(ctx.db, { orgId: access.org.id, userId: ctx.user.id }, service, input.id);
    }),
  ),
});
