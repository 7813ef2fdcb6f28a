import { DocsCodeBlock } from "@/components/providers/docs-code-block";
import { card } from "@/components/ui/styles";
import type { BodyView, OperationView } from "@/lib/api/openapi/reference-view";
import { FieldList, SchemaFields } from "./schema-fields";

const methodColors: Record<string, string> = {
  GET: "bg-sky-50 text-sky-800 ring-sky-200",
  POST: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  PATCH: "bg-amber-50 text-amber-800 ring-amber-200",
  DELETE: "bg-rose-50 text-rose-800 ring-rose-200",
};

export function MethodBadge({ method }: { method: string }) {
  return <span className={`inline-flex w-16 flex-none justify-center rounded-md px-1.5 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset ${methodColors[method] ?? "bg-zinc-100 text-zinc-800 ring-zinc-200"}`}>{method}</span>;
}

function statusColor(status: string): string {
  if (status.startsWith("2")) return "bg-emerald-50 text-emerald-800 ring-emerald-200";
  return status.startsWith("4") || status.startsWith("5") ? "bg-zinc-100 text-zinc-700 ring-zinc-200" : "bg-sky-50 text-sky-800 ring-sky-200";
}

function Body({ body, label }: { body: BodyView; label: string }) {
  return (
    <div className="space-y-3">
      <p className="text-xs text-zinc-600">
        {body.contentTypes.join(", ")}
        {body.schema?.name && (
          <>
            {" · "}
            <code className="font-mono">{body.schema.name}</code>
          </>
        )}
      </p>
      {body.schema && <SchemaFields schema={body.schema} />}
      {body.examples.map((e) => (
        // Collapsed: the page shows every route; examples open on demand (and keep the DOM small).
        <details key={e.name} className="group">
          <summary className="cursor-pointer text-xs font-medium text-zinc-700 hover:text-zinc-900">
            {label} example{e.summary ? `: ${e.summary}` : ""}
          </summary>
          <div className="mt-1.5">
            <DocsCodeBlock code={e.json} lang="json" />
          </div>
        </details>
      ))}
    </div>
  );
}

const h3 = "text-sm font-semibold text-zinc-900";

/** The document's descriptions mark code with backticks: show those parts as code. */
function withCode(text: string): React.ReactNode[] {
  return text.split("`").map((part, i) => (i % 2 ? <code key={i} className="rounded bg-zinc-100 px-1 font-mono text-[12px] text-zinc-800">{part}</code> : part));
}

/** One operation: method and path, what it does, who may call it, parameters, body, answers. */
export function OperationCard({ op }: { op: OperationView }) {
  const successes = op.responses.filter((r) => r.status.startsWith("2"));
  const errors = op.responses.filter((r) => !r.status.startsWith("2"));
  return (
    <section id={op.id} aria-labelledby={`${op.id}-title`} className={`${card} scroll-mt-6 p-4 sm:p-6`}>
      <div className="flex flex-wrap items-center gap-2">
        <MethodBadge method={op.method} />
        <code className="break-all font-mono text-sm font-medium text-zinc-900">{op.path}</code>
      </div>
      <h3 id={`${op.id}-title`} className="mt-3 text-base font-semibold text-zinc-900">
        {op.summary}
      </h3>
      {op.description && <p className="mt-1 text-sm text-zinc-600">{withCode(op.description)}</p>}
      <p className="mt-2 text-xs text-zinc-600">
        Auth: <span className="font-medium text-zinc-800">{op.auth}</span>
      </p>
      <div className="mt-5 space-y-6">
        {op.params.length > 0 && (
          <div>
            <h4 className={h3}>Parameters</h4>
            <div className="mt-2">
              <FieldList fields={op.params.map((p) => ({ name: p.name, type: `${p.in} · ${p.type}`, required: p.required, description: p.description, depth: 0 }))} />
            </div>
          </div>
        )}
        {op.request && (
          <div>
            <h4 className={h3}>Request body</h4>
            <div className="mt-2">
              <Body body={op.request} label="Request" />
            </div>
          </div>
        )}
        {successes.map((r) => (
          <div key={r.status}>
            <h4 className={`${h3} flex flex-wrap items-center gap-2`}>
              <span className={`rounded-md px-1.5 py-0.5 font-mono text-xs ring-1 ring-inset ${statusColor(r.status)}`}>{r.status}</span>
              {r.description}
            </h4>
            {r.body && (
              <div className="mt-2">
                <Body body={r.body} label="Response" />
              </div>
            )}
          </div>
        ))}
        {errors.length > 0 && (
          <div>
            <h4 className={h3}>Errors</h4>
            <ul className="mt-2 space-y-1.5">
              {errors.map((r) => (
                <li key={r.status} className="flex gap-2 text-sm text-zinc-700">
                  <span className={`h-fit flex-none rounded-md px-1.5 py-0.5 font-mono text-xs ring-1 ring-inset ${statusColor(r.status)}`}>{r.status}</span>
                  <span className="min-w-0">
                    {r.description}
                    {r.body?.schema?.name && <span className="text-zinc-500"> · {r.body.schema.name}</span>}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
