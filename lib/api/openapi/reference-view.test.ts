import { describe, expect, it } from "vitest";
import { buildOpenApi } from "./build-openapi";
import { buildReferenceView, namedSchemaView } from "./reference-view";

const doc = buildOpenApi("https://akhrot.example.com");
const view = buildReferenceView(doc);

describe("the API reference view of /openapi.json", () => {
  it("groups every operation under its family, in the document's tag order", () => {
    expect(view.map((f) => f.name)).toEqual(["Agent REST", "Service API", "Organization management"]);
    const count = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(view.flatMap((f) => f.operations)).toHaveLength(count);
    expect(new Set(view.flatMap((f) => f.operations.map((o) => o.id))).size).toBe(count);
  });

  it("shows auth, parameters, request fields, both provider-token variants and the examples", () => {
    const op = view[1]?.operations.find((o) => o.path === "/api/service/provider-tokens");
    expect(op?.auth).toBe("X-Api-Key header");
    expect(op?.request?.schema?.variants[0]?.fields.map((f) => [f.name, f.required])).toEqual([["user_id", true], ["provider", true], ["scopes", false], ["redirect_uri", false], ["state", false]]);
    const ok = op?.responses.find((r) => r.status === "200");
    expect(ok?.body?.schema?.variants.map((v) => v.title)).toEqual(['status: "ok"', 'status: "action_required"']);
    expect(ok?.body?.examples.map((e) => e.name)).toEqual(["action_required", "ok"]);
    const account = ok?.body?.schema?.variants[0]?.fields.filter((f) => f.depth === 1).map((f) => f.name);
    expect(account).toEqual(["id", "provider_user_id", "email", "display_name"]);
    const users = view[1]?.operations.find((o) => o.path === "/api/service/users" && o.method === "GET");
    expect(users?.params.map((p) => `${p.name}:${p.in}:${p.type}`)).toEqual(["limit:query:integer", "offset:query:integer"]);
    expect(view[2]?.operations[0]?.auth).toBe("Dashboard session (cookie)");
  });

  it("names each family's error envelope fields", () => {
    expect(namedSchemaView(doc, "ServiceError")?.variants[0]?.fields.map((f) => f.name)).toEqual(["error", "error_code", "timestamp"]);
    expect(namedSchemaView(doc, "Error")?.variants[0]?.fields.map((f) => `${f.depth}${f.name}`)).toEqual(["0error", "1code", "1message", "1provider", "1missingScopes", "1services"]);
  });
});
