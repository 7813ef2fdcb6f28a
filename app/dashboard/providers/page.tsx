import type { Metadata } from "next";
import { getDb } from "@/db";
import { PageHeader } from "@/components/dashboard/page-header";
import { ProviderBrowser } from "@/components/providers/provider-browser";
import { ProviderCard } from "@/components/providers/provider-card";
import { requireUser } from "@/lib/auth";
import { listContextConnections } from "@/lib/connections/list-context-connections";
import { isOAuthConfigured } from "@/lib/oauth";
import { providers } from "@/lib/providers";
import { providerGroups } from "@/lib/providers-view/provider-cards";

export const metadata: Metadata = { title: "Providers" };
export const dynamic = "force-dynamic";

// /dashboard/providers – every catalog provider by category, with the user's status and Connect.
export default async function ProvidersPage() {
  const user = await requireUser();
  const connections = await listContextConnections(await getDb(), user.id);
  const groups = providerGroups(providers, connections, isOAuthConfigured);
  return (
    <>
      <PageHeader
        title="Providers"
        description="Connect the accounts your agents may use. Each provider's docs page shows what an agent reads about it: how to fetch the credential, the base URL and the most used endpoints."
      />
      <ProviderBrowser
        groups={groups.map((g) => ({
          category: g.category,
          items: g.cards.map((c) => ({ code: c.code, searchText: c.searchText, card: <ProviderCard card={c} /> })),
        }))}
      />
    </>
  );
}
