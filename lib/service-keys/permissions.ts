/** AuthOS's service-key permissions, exactly (AUTHOS-SERVICE-API.md §3). */
import { badRequest } from "@/lib/orgs/org-error";

export const servicePermissions = [
  "read:users",
  "write:users",
  "delete:users",
  "read:subscriptions",
  "write:subscriptions",
  "delete:subscriptions",
  "read:analytics",
  "read:service",
  "write:service",
  "read:provider_tokens",
] as const;
export type ServicePermission = (typeof servicePermissions)[number];

const PER_PROVIDER = /^read:provider_tokens:[A-Za-z0-9._-]+$/;

export function isValidPermission(p: string): boolean {
  return (servicePermissions as readonly string[]).includes(p) || PER_PROVIDER.test(p);
}

/** At least one, each valid; duplicates dropped, order kept. A bad one is a 400 naming the valid ones. */
export function validatePermissions(list: readonly string[]): string[] {
  if (!list.length) throw badRequest("At least one permission is required");
  for (const p of list) {
    if (!isValidPermission(p)) throw badRequest(`Invalid permission: ${p}. Valid permissions are: ${servicePermissions.join(", ")}, or read:provider_tokens:<provider>`);
  }
  return [...new Set(list)];
}
