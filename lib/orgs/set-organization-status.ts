import type { Db } from "@/db";
import { setOrganizationStatus as setRow } from "@/db/queries/orgs";
import type { OrgStatus, Organization } from "@/db/schema";
import { forgetOrgServiceKeys } from "@/lib/service-keys/service-key-cache";
import { notFound } from "./org-error";
import { recordOrgEvent } from "./record-org-event";

/** Operator action (CLI). A suspended org's service keys answer 401 within the key-cache bound everywhere, at once here. */
export async function setOrganizationStatus(db: Db, slug: string, status: OrgStatus): Promise<Organization> {
  const org = await setRow(db, slug, status);
  if (!org) throw notFound(`Organization not found: ${slug}`);
  await forgetOrgServiceKeys(org.id);
  await recordOrgEvent(db, { orgId: org.id, action: status === "active" ? "organization.activated" : "organization.suspended", targetType: "organization", targetId: org.id });
  return org;
}
