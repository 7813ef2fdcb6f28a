import type { Db } from "@/db";
import { findServiceById, updateService } from "@/db/queries/services";
import type { ServiceRow } from "@/db/schema";
import type { ServiceScope } from "@/lib/end-users/service-users";
import { badRequest, notFound } from "@/lib/orgs/org-error";
import { recordOrgEvent } from "@/lib/orgs/record-org-event";
import { firstIssue, nameSchema } from "@/lib/orgs/validation";

export async function getServiceInfo(db: Db, scope: ServiceScope): Promise<ServiceRow> {
  const service = await findServiceById(db, scope.serviceId);
  if (!service) throw notFound("Service not found");
  return service;
}

/** AuthOS writes any name here; we apply the same 1-100 character rule as everywhere else. */
export async function renameService(db: Db, scope: ServiceScope, name: string): Promise<ServiceRow> {
  const parsed = nameSchema.safeParse(name);
  if (!parsed.success) throw badRequest(firstIssue(parsed.error, "name"));
  const updated = await updateService(db, scope.serviceId, { name: parsed.data });
  if (!updated) throw notFound("Service not found");
  await recordOrgEvent(db, { orgId: scope.orgId, serviceId: scope.serviceId, serviceKeyId: scope.keyId ?? null, action: "service.updated", targetType: "service", targetId: scope.serviceId, detail: { fields: ["name"] } });
  return updated;
}
