import type { Metadata } from "next";
import Link from "next/link";
import { MethodBadge, OperationCard } from "@/components/api-reference/operation-card";
import { SchemaFields } from "@/components/api-reference/schema-fields";
import { PageHeader } from "@/components/dashboard/page-header";
import { DocsCodeBlock } from "@/components/providers/docs-code-block";
import { card } from "@/components/ui/styles";
import { requestOrigin, requireUser } from "@/lib/auth";
import { buildOpenApi } from "@/lib/api/openapi/build-openapi";
import { buildReferenceView, namedSchemaView } from "@/lib/api/openapi/reference-view";
import { serviceErrorExample } from "@/lib/api/openapi/service-operations";

export const metadata: Metadata = { title: "API reference" };
export const dynamic = "force-dynamic";

/** Each family's error envelope, shown once above its operations. */
const ERROR_SCHEMAS: Record<string, string> = { "agent-rest": "Error", "service-api": "ServiceError", "organization-management": "ServiceError" };

// /dashboard/api-reference – /openapi.json rendered: every operation by family, with parameters, schemas and examples.
export default async function ApiReferencePage() {
  await requireUser();
  const origin = await requestOrigin();
  const doc = buildOpenApi(origin);
  const families = buildReferenceView(doc);
  return (
    <>
      <PageHeader title="API reference" description="Every REST route of this instance, generated from the same schemas the routes parse with and the tests check answers against.">
        <a href="/openapi.json" className="text-sm font-medium text-zinc-700 underline underline-offset-4 hover:text-zinc-900">
          openapi.json
        </a>
      </PageHeader>
      <nav aria-label="Operations" className={`${card} mb-10 p-4 sm:p-6`}>
        <div className="grid gap-6 md:grid-cols-3">
          {families.map((f) => (
            <div key={f.id} className="min-w-0">
              <Link href={`#${f.id}`} className="text-sm font-semibold text-zinc-900 hover:underline">
                {f.name}
              </Link>
              <ul className="mt-2 space-y-1">
                {f.operations.map((op) => (
                  <li key={op.id}>
                    <Link href={`#${op.id}`} className="flex min-w-0 items-center gap-2 rounded text-xs text-zinc-700 hover:text-zinc-900 hover:underline">
                      <MethodBadge method={op.method} />
                      <span className="truncate font-mono">{op.path}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </nav>
      <div className="space-y-14">
        {families.map((f) => {
          const errorName = ERROR_SCHEMAS[f.id];
          const errorSchema = errorName ? namedSchemaView(doc, errorName) : null;
          return (
            <section key={f.id} id={f.id} aria-labelledby={`${f.id}-title`} className="scroll-mt-6">
              <h2 id={`${f.id}-title`} className="text-xl font-semibold tracking-tight text-zinc-900">
                {f.name}
              </h2>
              {f.description && <p className="mt-1 text-sm text-zinc-600">{f.description}</p>}
              {errorSchema && errorName && (
                <div className="mt-4 rounded-xl border border-zinc-200 bg-zinc-50 p-4">
                  <p className="mb-2 text-sm font-semibold text-zinc-900">
                    Errors: <code className="font-mono">{errorName}</code>
                  </p>
                  <SchemaFields schema={errorSchema} />
                  {errorName === "ServiceError" && (
                    <div className="mt-3">
                      <DocsCodeBlock code={JSON.stringify(serviceErrorExample, null, 2)} lang="json" />
                    </div>
                  )}
                </div>
              )}
              <div className="mt-6 space-y-6">
                {f.operations.map((op) => (
                  <OperationCard key={op.id} op={op} />
                ))}
              </div>
            </section>
          );
        })}
      </div>
    </>
  );
}
