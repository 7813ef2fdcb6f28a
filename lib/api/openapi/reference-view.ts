/**
 * /openapi.json turned into what the dashboard's API reference page shows: operations grouped
 * by family (the document's tags), their parameters, and each request and response schema as
 * a list of fields (nested fields indented, `$ref`s resolved, unions as variants), with the
 * documented examples. Pure: reads only the document it is given.
 */
type Json = Record<string, unknown>;
export type Field = { name: string; type: string; required: boolean; description?: string; depth: number };
export type SchemaView = { name: string | null; variants: { title: string; fields: Field[] }[]; type: string };
export type ExampleView = { name: string; summary?: string; json: string };
export type BodyView = { contentTypes: string[]; schema: SchemaView | null; examples: ExampleView[] };
export type ResponseView = { status: string; description: string; body: BodyView | null };
export type ParamView = { name: string; in: string; required: boolean; type: string; description?: string };
export type OperationView = { id: string; method: string; path: string; summary: string; description?: string; auth: string; params: ParamView[]; request: BodyView | null; responses: ResponseView[] };
export type FamilyView = { id: string; name: string; description?: string; operations: OperationView[] };

const MAX_DEPTH = 2;
const asObj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const refName = (s: Json) => (typeof s.$ref === "string" ? s.$ref.split("/").at(-1) ?? null : null);
export const slugify = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

function viewer(doc: Json) {
  const schemas = asObj(asObj(doc.components).schemas);
  const schemes = asObj(asObj(doc.components).securitySchemes);
  const resolve = (s: Json): Json => {
    const name = refName(s);
    return name ? asObj(schemas[name]) : s;
  };

  function typeOf(raw: Json): string {
    const s = resolve(raw);
    if (s.const !== undefined) return JSON.stringify(s.const);
    if (Array.isArray(s.enum)) return s.enum.map((e) => JSON.stringify(e)).join(" | ");
    const union = (s.oneOf ?? s.anyOf) as Json[] | undefined;
    if (Array.isArray(union)) return union.map((u) => typeOf(asObj(u))).join(" | ");
    const t = Array.isArray(s.type) ? s.type.join(" | ") : typeof s.type === "string" ? s.type : "any";
    if (t === "array") return `${typeOf(asObj(s.items))}[]`;
    if (t === "object" && s.additionalProperties && typeof s.additionalProperties === "object" && !s.properties) return `map of ${typeOf(asObj(s.additionalProperties))}`;
    return typeof s.format === "string" ? `${t} (${s.format})` : t;
  }

  function fields(raw: Json, depth: number): Field[] {
    const s = resolve(raw);
    const props = asObj(s.properties);
    const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
    return Object.entries(props).flatMap(([name, p]) => {
      const prop = resolve(asObj(p));
      const items = prop.type === "array" ? resolve(asObj(prop.items)) : prop;
      const nested = depth < MAX_DEPTH && items.properties ? fields(items, depth + 1) : [];
      return [{ name, type: typeOf(asObj(p)), required: required.has(name), ...(typeof prop.description === "string" && { description: prop.description }), depth }, ...nested];
    });
  }

  function schemaView(raw: Json | undefined): SchemaView | null {
    if (!raw) return null;
    const s = resolve(raw);
    const union = (s.oneOf ?? s.anyOf) as Json[] | undefined;
    const variants = Array.isArray(union)
      ? union.map((u, i) => {
          const v = resolve(asObj(u));
          const discriminator = Object.entries(asObj(v.properties)).find(([, p]) => asObj(p).const !== undefined);
          return { title: discriminator ? `${discriminator[0]}: ${JSON.stringify(asObj(discriminator[1]).const)}` : `variant ${i + 1}`, fields: fields(v, 0) };
        })
      : [{ title: "", fields: fields(s, 0) }];
    return { name: refName(raw), variants, type: typeOf(raw) };
  }

  function bodyView(content: unknown): BodyView | null {
    const entries = Object.entries(asObj(content));
    if (!entries.length) return null;
    const json = asObj(asObj(content)["application/json"]);
    const examples = Object.entries(asObj(json.examples)).map(([name, e]) => ({ name, summary: asObj(e).summary as string | undefined, json: JSON.stringify(asObj(e).value, null, 2) }));
    if (json.example !== undefined) examples.push({ name: "example", summary: undefined, json: JSON.stringify(json.example, null, 2) });
    return { contentTypes: entries.map(([t]) => t), schema: json.schema ? schemaView(asObj(json.schema)) : null, examples };
  }

  function authOf(op: Json): string {
    const security = (op.security ?? doc.security) as Json[] | undefined;
    if (!security?.length) return "None";
    const scheme = asObj(schemes[Object.keys(asObj(security[0]))[0] ?? ""]);
    if (scheme.type === "http") return "Authorization: Bearer akh_…";
    return scheme.in === "header" ? `${String(scheme.name)} header` : "Dashboard session (cookie)";
  }

  return { schemaView, bodyView, typeOf, authOf };
}

/** A component schema by name, as fields (e.g. a family's error envelope). */
export function namedSchemaView(doc: Json, name: string): SchemaView | null {
  return viewer(doc).schemaView({ $ref: `#/components/schemas/${name}` });
}

export function buildReferenceView(doc: Json): FamilyView[] {
  const { bodyView, typeOf, authOf } = viewer(doc);
  const tags = (Array.isArray(doc.tags) ? doc.tags : []) as { name: string; description?: string }[];
  const families = new Map<string, FamilyView>(tags.map((t) => [t.name, { id: slugify(t.name), name: t.name, description: t.description, operations: [] }]));
  for (const [path, item] of Object.entries(asObj(doc.paths))) {
    for (const [method, raw] of Object.entries(asObj(item))) {
      const op = asObj(raw);
      const tag = (op.tags as string[] | undefined)?.[0] ?? "Other";
      if (!families.has(tag)) families.set(tag, { id: slugify(tag), name: tag, operations: [] });
      families.get(tag)?.operations.push({
        id: slugify(`${method} ${path}`),
        method: method.toUpperCase(),
        path,
        summary: String(op.summary ?? ""),
        ...(typeof op.description === "string" && { description: op.description }),
        auth: authOf(op),
        params: ((op.parameters ?? []) as Json[]).map((p) => ({ name: String(p.name), in: String(p.in), required: p.required === true, type: typeOf(asObj(p.schema)), ...(typeof p.description === "string" && { description: p.description }) })),
        request: bodyView(asObj(op.requestBody).content),
        responses: Object.entries(asObj(op.responses)).map(([status, r]) => ({ status, description: String(asObj(r).description ?? ""), body: bodyView(asObj(r).content) })),
      });
    }
  }
  return [...families.values()].filter((f) => f.operations.length > 0);
}
