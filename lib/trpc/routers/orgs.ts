import { z } from "zod";
import { listInvitations, listMembers, listOrganizationsForUser } from "@/db/queries/orgs";
import { listOrgAuditEvents } from "@/db/queries/org-audit";
import { listServices } from "@/db/queries/services";
import { orgRoles } from "@/db/schema";
import { acceptInvitation, createInvitation, previewInvitation, revokeInvitation } from "@/lib/orgs/invitations";
import { changeMemberRole, removeMember } from "@/lib/orgs/members";
import { canManage, orgAccess, orgManager } from "@/lib/orgs/org-access";
import { createOrganization } from "@/lib/orgs/create-organization";
import { deleteOrganization } from "@/lib/orgs/delete-organization";
import { orgCall } from "../org-procedure";
import { protectedProcedure, router } from "../init";

const slug = z.object({ slug: z.string().min(1).max(64) });
const role = z.enum(orgRoles);

export const orgsRouter = router({
  // The signed-in user's organizations (the switcher).
  list: protectedProcedure.query(async ({ ctx }) => (await listOrganizationsForUser(ctx.db, ctx.user.id)).map((r) => ({ slug: r.org.slug, name: r.org.name, status: r.org.status, role: r.role }))),

  create: protectedProcedure
    .input(z.object({ slug: z.string().max(64), name: z.string().max(100) }))
    .mutation(({ ctx, input }) => orgCall(async () => (await createOrganization(ctx.db, { ownerUserId: ctx.user.id, ...input })).slug)),

  // One org as its member sees it: members, open invitations (managers only), services.
  get: protectedProcedure.input(slug).query(({ ctx, input }) =>
    orgCall(async () => {
      const access = await orgAccess(ctx.db, input.slug, ctx.user.id);
      const manage = canManage(access.role);
      const [members, invitations, services] = await Promise.all([
        listMembers(ctx.db, access.org.id),
        manage ? listInvitations(ctx.db, access.org.id) : Promise.resolve([]),
        listServices(ctx.db, access.org.id, { limit: 100, offset: 0 }),
      ]);
      const now = Date.now();
      return {
        org: { slug: access.org.slug, name: access.org.name, status: access.org.status },
        role: access.role,
        me: ctx.user.id,
        members,
        invitations: invitations.map((i) => ({ id: i.id, role: i.role, createdAt: i.createdAt, expiresAt: i.expiresAt, state: i.acceptedAt ? "accepted" : i.revokedAt ? "revoked" : i.expiresAt.getTime() <= now ? "expired" : "open" })),
        services: services.rows.map((s) => ({ slug: s.slug, name: s.name, serviceType: s.serviceType, createdAt: s.createdAt })),
      };
    }),
  ),

  // A link to copy; the token is in this response only.
  invite: protectedProcedure.input(slug.extend({ role })).mutation(({ ctx, input }) =>
    orgCall(async () => {
      const access = await orgManager(ctx.db, input.slug, ctx.user.id, "invite members");
      const { token, invitation } = await createInvitation(ctx.db, access, input.role);
      return { token, expiresAt: invitation.expiresAt };
    }),
  ),

  revokeInvitation: protectedProcedure.input(slug.extend({ id: z.string().max(64) })).mutation(({ ctx, input }) =>
    orgCall(async () => revokeInvitation(ctx.db, await orgManager(ctx.db, input.slug, ctx.user.id, "manage invitations"), input.id)),
  ),

  changeRole: protectedProcedure.input(slug.extend({ userId: z.string().max(64), role })).mutation(({ ctx, input }) =>
    orgCall(async () => changeMemberRole(ctx.db, await orgAccess(ctx.db, input.slug, ctx.user.id), input.userId, input.role)),
  ),

  // Owners only, with the slug typed again; the owner's Activity records it (the org's own log goes with it).
  delete: protectedProcedure.input(slug.extend({ confirmSlug: z.string().max(64) })).mutation(({ ctx, input }) =>
    orgCall(async () => deleteOrganization(ctx.db, await orgAccess(ctx.db, input.slug, ctx.user.id), input.confirmSlug)),
  ),

  removeMember: protectedProcedure.input(slug.extend({ userId: z.string().max(64) })).mutation(({ ctx, input }) =>
    orgCall(async () => removeMember(ctx.db, await orgAccess(ctx.db, input.slug, ctx.user.id), input.userId)),
  ),

  previewInvitation: protectedProcedure.input(z.object({ token: z.string().max(80) })).query(async ({ ctx, input }) => {
    const found = await previewInvitation(ctx.db, input.token);
    return found ? { orgName: found.org.name, orgSlug: found.org.slug, role: found.role } : null;
  }),

  acceptInvitation: protectedProcedure.input(z.object({ token: z.string().max(80) })).mutation(({ ctx, input }) =>
    orgCall(async () => {
      const r = await acceptInvitation(ctx.db, input.token, ctx.user.id);
      return { slug: r.org.slug, role: r.role, alreadyMember: r.alreadyMember };
    }),
  ),

  // The org's audit log (any member), newest first.
  audit: protectedProcedure.input(slug.extend({ serviceId: z.string().max(64).optional(), before: z.number().int().positive().optional() })).query(({ ctx, input }) =>
    orgCall(async () => {
      const access = await orgAccess(ctx.db, input.slug, ctx.user.id);
      return listOrgAuditEvents(ctx.db, access.org.id, { serviceId: input.serviceId, before: input.before, limit: 50 });
    }),
  ),
});
