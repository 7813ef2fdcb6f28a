import type { Db } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { assertKeyAllowsProvider, type AuthedKey } from "@/lib/api-keys";
import { requireProvider } from "@/lib/connect/require-provider";
import { buildProviderContext, buildServiceContext, type ContextDocument, type ProviderContextJson, type ServiceContextJson } from "@/lib/context";
import { getService } from "@/lib/providers";
import { providerAccess } from "@/lib/readiness/provider-readiness";
import { listContextConnections } from "./list-context-connections";

/** GET /ai/context/{provider}[/{service}]: the catalog entry plus this user's connections of it. */
export async function providerContext(db: Db, key: AuthedKey, providerCode: string, baseUrl: string, serviceCode?: string): Promise<ContextDocument<ProviderContextJson | ServiceContextJson>> {
  const provider = requireProvider(providerCode);
  assertKeyAllowsProvider(key, provider.code);
  const connections = await listContextConnections(db, key.userId, provider.code);
  const access = providerAccess(key.providers);
  if (serviceCode === undefined) return buildProviderContext(provider, connections, baseUrl, access);
  const service = getService(provider, serviceCode);
  if (!service) {
    const known = provider.services.map((s) => s.code).join(", ");
    throw new ApiError("NOT_FOUND", `${provider.name} has no service "${serviceCode.slice(0, 40)}". Its services: ${known}. See GET /ai/context/${provider.code}.`, { provider: provider.code, services: provider.services.map((s) => s.code) });
  }
  return buildServiceContext(provider, service, connections, baseUrl, access);
}
