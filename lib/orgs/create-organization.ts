import type { Db } from "@/db";
import { insertMember, insertOrganization } from "@/db/queries/orgs";
import type { Organization } from "@/db/schema";
import { randomId } from "@/lib/crypto";
import { OrgError, badRequest } from "./org-error";
import { recordOrgEvent } from "./record-org-event";
import { firstIssue, nameSchema, slugSchema } from "./validation";

/** A new organization with its creator as owner. Slugs are global: a taken one is DUPLICATE_CONSTRAINT. */
export async function createOrganization(db: Db, input: { ownerUserId: string; slug: string; name: string }): Promise<Organization> {
  const slug = slugSchema.safeParse(input.slug);
  if (!slug.success) throw badRequest(firstIssue(slug.error, "slug"));
  const name = nameSchema.safeParse(input.name);
  if (!name.success) throw badRequest(firstIssue(name.error, "name"));
  return db.transaction(async (tx) => {
    const org = await insertOrganization(tx, { id: randomId("org"), slug: slug.data, name: name.data });
    if (!org) throw new OrgError("DUPLICATE_CONSTRAINT", `An organization with slug "${slug.data}" already exists`);
    await insertMember(tx, { orgId: org.id, userId: input.ownerUserId, role: "owner" });
    await recordOrgEvent(tx, { orgId: org.id, actorUserId: input.ownerUserId, action: "organization.created", targetType: "organization", targetId: org.id, detail: { slug: org.slug } });
    return org;
  });
}
