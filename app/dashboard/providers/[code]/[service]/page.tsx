import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { DocsCodeBlock } from "@/components/providers/docs-code-block";
import { DocsLayout } from "@/components/providers/docs-layout";
import { ProviderAside } from "@/components/providers/provider-aside";
import { requestOrigin, requireUser } from "@/lib/auth";
import { listContextConnections } from "@/lib/connections/list-context-connections";
import { buildServiceContext } from "@/lib/context";
import { getProvider, getService } from "@/lib/providers";
import { providerCard } from "@/lib/providers-view/provider-cards";
import { providerAccess, providerReadiness } from "@/lib/readiness/provider-readiness";
import { renderMarkdown } from "@/lib/providers-view/render-markdown";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ code: string; service: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { code, service: serviceCode } = await params;
  const provider = getProvider(code);
  const service = provider && getService(provider, serviceCode);
  return { title: provider && service ? `${provider.name} ${service.name} docs` : "Unknown service" };
}

// /dashboard/providers/{code}/{service} – the service's agent context (GET /ai/context/{code}/{service}) for humans.
export default async function ServiceDocsPage({ params }: Params) {
  const user = await requireUser();
  const { code, service: serviceCode } = await params;
  const provider = getProvider(code);
  const service = provider && getService(provider, serviceCode);
  if (!provider || !service) notFound();
  const [connections, origin] = await Promise.all([listContextConnections(await getDb(), user.id, provider.code), requestOrigin()]);
  const doc = buildServiceContext(provider, service, connections, origin, providerAccess());
  return (
    <DocsLayout
      crumbs={[
        { href: "/dashboard/providers", label: "Providers" },
        { href: `/dashboard/providers/${provider.code}`, label: provider.name },
      ]}
      current={service.name}
      aside={
        <ProviderAside
          card={providerCard(provider, connections, providerReadiness)}
          docsUrl={provider.docsUrl}
          services={[...provider.services]}
          currentService={service.code}
        />
      }
    >
      {renderMarkdown(doc.markdown, { renderCodeBlock: DocsCodeBlock })}
    </DocsLayout>
  );
}
