import type { Field, SchemaView } from "@/lib/api/openapi/reference-view";

/** A schema's fields as a list (not a table: it must read on a phone); nested fields are indented. */
export function FieldList({ fields }: { fields: Field[] }) {
  if (!fields.length) return <p className="text-sm text-zinc-600">No fields.</p>;
  return (
    <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
      {fields.map((f, i) => (
        <li key={`${f.name}-${i}`} className="px-3 py-2 text-sm" style={{ paddingLeft: `${0.75 + f.depth * 1.25}rem` }}>
          <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
            <code className="font-mono text-[13px] font-medium text-zinc-900">{f.name}</code>
            <span className="break-all font-mono text-xs text-zinc-600">{f.type}</span>
            {f.required ? <span className="text-xs font-medium text-rose-700">required</span> : <span className="text-xs text-zinc-500">optional</span>}
          </div>
          {f.description && <p className="mt-0.5 text-xs text-zinc-600">{f.description}</p>}
        </li>
      ))}
    </ul>
  );
}

export function SchemaFields({ schema }: { schema: SchemaView }) {
  return (
    <div className="space-y-3">
      {schema.variants.map((v) => (
        <div key={v.title || "only"}>
          {v.title && <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-zinc-500">One of · {v.title}</p>}
          <FieldList fields={v.fields} />
        </div>
      ))}
    </div>
  );
}
