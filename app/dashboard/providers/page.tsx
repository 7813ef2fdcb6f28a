import type { Metadata } from "next";
import { getDb } from "@/db";
import { PageHeader } from "@/components/dashboard/page-header";
import { ProviderBrowser, type BrowserItem } from "@/components/providers/provider-browser";
import { ProviderCard } from "@/components/providers/provider-card";
import { SetupGuide } from "@/components/providers/setup-guide";
import { requestOrigin, requireUser } from "@/lib/auth";
import { listContextConnections } from "@/lib/connections/list-context-connections";
import { providers } from "@/lib/providers";
import { providerGroups, type ProviderCardData } from "@/lib/providers-view/provider-cards";
import { providerReadiness } from "@/lib/readiness/provider-readiness";

export const metadata: Metadata = { title: "Providers" };
export const dynamic = "force-dynamic";

const item = (c: ProviderCardData): BrowserItem => ({ code: c.code, searchText: c.searchText, card: <ProviderCard card={c} /> });

// /dashboard/providers – what this instance can connect first (by category), then what needs the operator.
export default async function ProvidersPage() {
  const user = await requireUser();
  const [connections, origin] = await Promise.all([listContextConnections(await getDb(), user.id), requestOrigin()]);
  const groups = providerGroups(providers, connections, providerReadiness);
  const ready = groups.map((g) => ({ category: g.category, items: g.cards.filter((c) => c.connect.enabled).map(item) })).filter((g) => g.items.length > 0);
  const needsSetup = groups.flatMap((g) => g.cards.filter((c) => !c.connect.enabled));
  return (
    <>
      <PageHeader
        title="Providers"
        description="Connect the accounts your agents may use. Each provider's docs page shows what an agent reads about it: how to fetch the credential, the base URL and the most used endpoints."
      />
      <ProviderBrowser
        groups={ready}
        setup={{ items: needsSetup.map(item), guide: <SetupGuide origin={origin} hasTelegram={needsSetup.some((c) => c.authType === "mtproto")} /> }}
      />
    </>
  );
}
