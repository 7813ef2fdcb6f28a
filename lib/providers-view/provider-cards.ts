/**
 * View model of the providers grid: one plain-data card per catalog entry with the user's
 * status and whether this instance can connect it, grouped in the catalog's category order.
 */
import type { ContextConnection } from "@/lib/context";
import { categories, type AuthType, type Category, type Provider } from "@/lib/providers";
import type { Readiness } from "@/lib/readiness/provider-readiness";
import { brandIcon, type BrandIcon } from "./brand-icons";
import { providerStatus, type ProviderStatus } from "./provider-status";

export const authTypeLabel: Record<AuthType, string> = { oauth2: "OAuth", api_key: "API key", mtproto: "Telegram" };

export type ConnectAvailability = { enabled: true } | { enabled: false; envVars: string[] };

export type ProviderCardData = {
  code: string;
  name: string;
  category: Category;
  authType: AuthType;
  description: string;
  serviceNames: string[];
  icon: BrandIcon | null;
  monogram: string;
  status: ProviderStatus;
  connect: ConnectAvailability;
  /** What the search box matches: name, code, category and service names. */
  searchText: string;
};

export type ProviderGroup = { category: Category; cards: ProviderCardData[] };

/** One or two letters for brands simple-icons does not carry: "SendGrid" -> "S", "Foo Bar" -> "FB". */
export function monogram(name: string): string {
  const words = name.split(/[\s-]+/).filter((w) => /^[A-Za-z0-9]/.test(w));
  return words
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join("");
}

/** lib/readiness decides; passed in so this view model stays pure (and testable without env). */
export type ReadinessOf = (p: Provider) => Readiness;

function connectAvailability(provider: Provider, readiness: ReadinessOf): ConnectAvailability {
  const r = readiness(provider);
  return r.ready ? { enabled: true } : { enabled: false, envVars: r.envVars };
}

export function providerCard(
  provider: Provider,
  connections: readonly ContextConnection[],
  readiness: ReadinessOf,
): ProviderCardData {
  const serviceNames = provider.services.map((s) => s.name);
  return {
    code: provider.code,
    name: provider.name,
    category: provider.category,
    authType: provider.authType,
    description: provider.description,
    serviceNames,
    icon: brandIcon(provider.iconSlug) ?? null,
    monogram: monogram(provider.name),
    status: providerStatus(connections.filter((c) => c.provider === provider.code)),
    connect: connectAvailability(provider, readiness),
    searchText: [provider.name, provider.code, provider.category, ...serviceNames].join(" "),
  };
}

/** Cards grouped by category in the catalog's `categories` order (empty categories left out). */
export function providerGroups(
  list: readonly Provider[],
  connections: readonly ContextConnection[],
  readiness: ReadinessOf,
): ProviderGroup[] {
  return categories.flatMap((category) => {
    const cards = list.filter((p) => p.category === category).map((p) => providerCard(p, connections, readiness));
    return cards.length > 0 ? [{ category, cards }] : [];
  });
}
