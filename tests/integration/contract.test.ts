/**
 * The agent REST contract, checked on real answers: every success and error body the routes
 * give in these flows must parse with its response schema (strict: an undocumented field
 * fails), and /openapi.json publishes those same schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { Db } from "@/db";
import { GET as openapiRoute } from "@/app/openapi.json/route";
import { POST as createSession } from "@/app/oauth/sessions/route";
import { GET as sessionStatus } from "@/app/oauth/sessions/[sessionId]/route";
import { POST as fetchTokenRoute } from "@/app/tokens/fetch/route";
import { agentErrorResponse, createSessionResponse, fetchTokenResponse, sessionStatusResponse } from "@/lib/api/contract/responses";
import { familyOperations } from "@/lib/api/openapi/family-paths";
import { serviceErrorExample } from "@/lib/api/openapi/service-operations";
import { submitHostedCredentials } from "@/lib/connect/submit-hosted-credentials";
import { connect, fetchToken, newAgent, post, startGoogleIdp, type JsonAnswer } from "@/lib/testing/agent-flow";
import { params, request, tamperedKey, testDb } from "@/lib/testing/fixtures";
import type { OidcServer } from "@/lib/testing/oidc-server";
import { contractViolation } from "../support/openapi-check";

let db: Db;
let idp: OidcServer;
beforeAll(async () => {
  db = await testDb();
  idp = await startGoogleIdp();
});
afterAll(async () => {
  await idp?.stop();
});

function conforms(answer: JsonAnswer, schema: z.ZodType) {
  const parsed = schema.safeParse(answer.body);
  expect(parsed.success, `${answer.status} ${answer.text}\n${parsed.success ? "" : JSON.stringify(parsed.error.issues)}`).toBe(true);
}

async function status(key: string, id: string): Promise<JsonAnswer> {
  const res = await sessionStatus(request(`/oauth/sessions/${id}`, { key }), params({ sessionId: id }));
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as JsonAnswer["body"] };
}

describe("agent REST answers match their schemas", () => {
  it("successes: OAuth and API-key tokens, a new session, its status before and after", async () => {
    const a = await newAgent(db);
    await connect(a);
    const oauth = await fetchToken(a);
    expect(oauth.status).toBe(200);
    conforms(oauth, fetchTokenResponse);

    const created = await post(createSession, "/oauth/sessions", a.key, { provider: "openai" });
    expect(created.status).toBe(201);
    conforms(created, createSessionResponse);
    const id = String(created.body.sessionId);
    conforms(await status(a.key, id), sessionStatusResponse);
    expect((await submitHostedCredentials(db, id, { apiKey: "sk-proj-contract0000000000000000" })).ok).toBe(true);
    const done = await status(a.key, id);
    expect(done.body.status).toBe("completed");
    conforms(done, sessionStatusResponse);

    const apiKey = await fetchToken(a, { provider: "openai" });
    expect(apiKey.status).toBe(200);
    conforms(apiKey, fetchTokenResponse);
  });

  it("errors: every one in the single envelope", async () => {
    const a = await newAgent(db);
    await connect(a);
    const answers = [
      await post(fetchTokenRoute, "/tokens/fetch", tamperedKey(a.key), { provider: "google" }),
      await post(fetchTokenRoute, "/tokens/fetch", a.key, { provider: 7 }),
      await post(fetchTokenRoute, "/tokens/fetch", a.key, { provider: "nope" }),
      await post(fetchTokenRoute, "/tokens/fetch", a.key, { provider: "github" }),
      await fetchToken(a, { provider: "google", scopes: ["never-granted"] }),
      await status(a.key, "cs_0000000000000000000000"),
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 400, 400, 404, 403, 404]);
    for (const answer of answers) conforms(answer, agentErrorResponse);
  });
});

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.1 document whose schemas are the contract's", async () => {
    const res = await openapiRoute(request("/openapi.json"), params({}));
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, unknown>; components: { securitySchemes?: Record<string, unknown>; schemas: Record<string, { type?: string; anyOf?: unknown[]; oneOf?: unknown[] }> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "http://localhost:3000" }]);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/tokens/fetch", "/oauth/sessions", "/oauth/sessions/{sessionId}", "/ai/context/summary", "/ai/skill"]));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["CreateSessionRequest", "CreateSessionResponse", "Error", "FetchTokenRequest", "FetchTokenResponse", "SessionStatusResponse", "ServiceError", "ProviderTokenResponse", "ProviderTokenRequest", "ApiKeyCreated"]));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/service/users/{user_id}", "/api/service/provider-tokens", "/api/organizations/{org_slug}/services/{service_slug}/api-keys/{api_key_id}"]));
    expect(Object.keys(doc.components.securitySchemes ?? {}).sort()).toEqual(["bearer", "serviceKey", "session"]);
    expect(doc.components.schemas.ProviderTokenResponse?.oneOf ?? doc.components.schemas.ProviderTokenResponse?.anyOf).toHaveLength(2);
    expect(doc.components.schemas.FetchTokenResponse?.oneOf ?? doc.components.schemas.FetchTokenResponse?.anyOf).toHaveLength(3);
    const text = JSON.stringify(doc);
    for (const ref of text.match(/#\/components\/schemas\/\w+/g) ?? []) expect(doc.components.schemas[ref.split("/").at(-1) ?? ""]).toBeDefined();
  });
});

describe("the service and organization families' documented examples", () => {
  it("every example answer and error example validates against its operation in the document", () => {
    for (const op of familyOperations) {
      expect(op.examples.length, `${op.method} ${op.path}`).toBeGreaterThan(0);
      for (const e of op.examples) {
        expect(op.responses[e.status], `${op.method} ${op.path} documents ${e.status}`).toBeDefined();
        const text = e.response === undefined ? "" : JSON.stringify(e.response);
        expect(contractViolation(op.method, op.path, e.status, e.response === undefined ? null : "application/json", text)).toBeNull();
        if (op.request && e.body !== undefined) expect(op.request.schema.safeParse(e.body).success, `${op.path} example body`).toBe(true);
      }
      for (const status of Object.keys(op.responses).map(Number).filter((s) => s >= 400)) {
        expect(contractViolation(op.method, op.path, status, "application/json", JSON.stringify(serviceErrorExample))).toBeNull();
      }
    }
  });

  it("refuses an undocumented status, field or content type", () => {
    const user = { id: "eu_1", email: "a@example.com", created_at: "2026-09-01T12:00:00.000Z" };
    expect(contractViolation("GET", "/api/service/users/eu_1", 200, "application/json", JSON.stringify(user))).toBeNull();
    expect(contractViolation("GET", "/api/service/users/eu_1", 200, "application/json", JSON.stringify({ ...user, name: "x" }))).toMatch(/additional properties \(name\)/);
    expect(contractViolation("GET", "/api/service/users/eu_1", 418, "application/json", "{}")).toMatch(/status not documented/);
    expect(contractViolation("GET", "/api/service/users/eu_1", 200, "text/plain", "hi")).toMatch(/content-type text\/plain/);
    expect(contractViolation("PUT", "/api/service/users/eu_1", 405, "application/json", JSON.stringify(serviceErrorExample))).toBeNull();
    expect(contractViolation("DELETE", "/api/service/users/eu_1", 204, null, "")).toBeNull();
    expect(contractViolation("DELETE", "/api/service/users/eu_1", 204, null, "{}")).toMatch(/without a body/);
  });
});
