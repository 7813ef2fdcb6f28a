import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { DocsCodeBlock } from "@/components/providers/docs-code-block";
import { DocsLayout } from "@/components/providers/docs-layout";
import { ProviderAside } from "@/components/providers/provider-aside";
import { requestOrigin, requireUser } from "@/lib/auth";
import { listContextConnections } from "@/lib/connections/list-context-connections";
import { buildProviderContext } from "@/lib/context";
import { getProvider } from "@/lib/providers";
import { providerCard } from "@/lib/providers-view/provider-cards";
import { providerAccess, providerReadiness } from "@/lib/readiness/provider-readiness";
import { renderMarkdown } from "@/lib/providers-view/render-markdown";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const provider = getProvider((await params).code);
  return { title: provider ? `${provider.name} docs` : "Unknown provider" };
}

// /dashboard/providers/{code} – the provider's agent context (GET /ai/context/{code}) for humans.
export default async function ProviderDocsPage({ params }: Params) {
  const user = await requireUser();
  const provider = getProvider((await params).code);
  if (!provider) notFound();
  const [connections, origin] = await Promise.all([listContextConnections(await getDb(), user.id, provider.code), requestOrigin()]);
  const doc = buildProviderContext(provider, connections, origin, providerAccess());
  return (
    <DocsLayout
      crumbs={[{ href: "/dashboard/providers", label: "Providers" }]}
      current={provider.name}
      aside={<ProviderAside card={providerCard(provider, connections, providerReadiness)} docsUrl={provider.docsUrl} services={[...provider.services]} />}
    >
      {renderMarkdown(doc.markdown, { renderCodeBlock: DocsCodeBlock })}
    </DocsLayout>
  );
}
