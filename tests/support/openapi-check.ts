/**
 * Every answer an integration test sees, checked against the generated /openapi.json: the
 * operation is looked up by method and path, its status must be documented, and a JSON body
 * must validate (ajv, JSON Schema 2020-12) against the documented schema, so an undocumented
 * status, field or shape fails the test that met it. `checked(routeModule, template)` wraps a
 * route module's handlers; `assertDocumented` serves tests that talk HTTP.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { buildOpenApi } from "@/lib/api/openapi/build-openapi";

type MediaType = { schema?: { $ref?: string } };
type Answer = { description: string; content?: Record<string, MediaType> };
type Operation = { responses: Record<string, Answer> };
type PathItem = Record<string, Operation>;

export const openApiDocument = buildOpenApi("http://localhost:3000");
const paths = openApiDocument.paths as Record<string, PathItem>;

// ajv-formats is CommonJS with a default export; under ESM interop it arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv2020) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "akhrot-openapi", components: openApiDocument.components });
const validators = new Map<string, ValidateFunction>();
function validatorFor(ref: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v) {
    v = ajv.compile({ $ref: `akhrot-openapi${ref}` });
    validators.set(ref, v);
  }
  return v;
}

const FAMILY_PREFIXES = ["/api/service", "/api/organizations/"];
const templates = Object.keys(paths)
  .map((t) => ({ t, re: new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{\w+\\?\}/g, "[^/]+")}$`), params: (t.match(/\{/g) ?? []).length }))
  .sort((a, b) => a.params - b.params);

/** The documented path template for a concrete path (literal segments win over parameters). */
export function templateFor(pathname: string): string | undefined {
  return templates.find(({ re }) => re.test(pathname))?.t;
}

/** Why this answer is not what the document says, or null when it is. */
export function contractViolation(method: string, pathOrTemplate: string, status: number, contentType: string | null, text: string): string | null {
  const template = paths[pathOrTemplate] ? pathOrTemplate : templateFor(pathOrTemplate);
  const where = `${method} ${template ?? pathOrTemplate} → ${status}`;
  const family = FAMILY_PREFIXES.some((p) => (template ?? pathOrTemplate).startsWith(p));
  const op = template ? paths[template]?.[method.toLowerCase()] : undefined;
  let answer = op?.responses[String(status)];
  if (!op) {
    // Unknown paths and unserved methods of the AuthOS families: 404/405 in their error envelope (info.description).
    if (!family || (template ? status !== 405 : status !== 404)) return `${where}: ${template ? "method" : "path"} not in /openapi.json`;
    answer = { description: "", content: { "application/json": { schema: { $ref: "#/components/schemas/ServiceError" } } } };
  }
  if (!answer) return `${where}: status not documented (documented: ${Object.keys(op?.responses ?? {}).join(", ")})`;
  if (!answer.content) return text === "" ? null : `${where}: documented without a body, got ${text.slice(0, 200)}`;
  const type = (contentType ?? "").split(";")[0]?.trim() ?? "";
  const media = answer.content[type];
  if (!media) return `${where}: content-type ${type || "(none)"} not documented (${Object.keys(answer.content).join(", ")})`;
  if (type !== "application/json" || !media.schema?.$ref) return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${where}: body is not JSON: ${text.slice(0, 200)}`;
  }
  const validate = validatorFor(media.schema.$ref);
  if (validate(body)) return null;
  const issues = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`);
  return `${where}: body does not match ${media.schema.$ref}: ${issues.join("; ")}\n${text.slice(0, 400)}`;
}

/** Throws (failing the test) when `res` is not documented for this method and path (or template). */
export async function assertDocumented(method: string, pathOrTemplate: string, res: Response): Promise<void> {
  const text = await res.clone().text();
  const violation = contractViolation(method, pathOrTemplate, res.status, res.headers.get("content-type"), text);
  if (violation) throw new Error(`OpenAPI contract: ${violation}`);
}

type Handler = (req: Request, ctx?: never) => Promise<Response>;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * The route module with each handler checking its answers. `template` (e.g.
 * `/api/organizations/{org_slug}/services`) is needed when tests call with placeholder URLs;
 * otherwise the request's path finds the operation.
 */
export function checked<M extends object>(mod: M, template?: string): M {
  const out = { ...mod } as Record<string, unknown>;
  for (const m of METHODS) {
    const handler = (mod as Record<string, unknown>)[m] as Handler | undefined;
    if (typeof handler !== "function") continue;
    out[m] = async (req: Request, ctx?: never) => {
      const res = await handler(req, ctx);
      await assertDocumented(req.method, template ?? new URL(req.url).pathname, res);
      return res;
    };
  }
  return out as unknown as M;
}
