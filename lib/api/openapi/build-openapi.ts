/**
 * The OpenAPI 3.1 document of the public REST families, generated from their zod request and
 * response schemas (zod 4's JSON Schema output is draft 2020-12, which OpenAPI 3.1 uses as is):
 * agent REST here (lib/api/contract), the service API and organization management from their
 * operation tables (./family-paths.ts). Markdown routes are described as text/markdown.
 */
import { z } from "zod";
import { createSessionRequest, fetchTokenRequest } from "../contract";
import { providerContextJsonResponse, serviceContextJsonResponse, summaryJsonResponse } from "../contract/context-responses";
import { agentErrorResponse, createSessionResponse, fetchTokenResponse, sessionStatusResponse } from "../contract/responses";
import { FAMILY_TAGS, familyPaths, familySchemas, familySecuritySchemes } from "./family-paths";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: "draft-2020-12", io: "output", unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (name: string) => ({ "application/json": { schema: ref(name) } });
const markdownBody = { "text/markdown": { schema: { type: "string" } } };
/** Context routes answer markdown, or the same facts as JSON with `Accept: application/json`. */
const contextBody = (name: string) => ({ ...markdownBody, ...jsonBody(name) });
const error = (description: string) => ({ description, content: jsonBody("Error") });
const authErrors = { "401": error("UNAUTHORIZED"), "429": error("RATE_LIMITED") };

const AGENT_TAG = "Agent REST";

function tagged(paths: Record<string, Record<string, object>>, tag: string) {
  return Object.fromEntries(Object.entries(paths).map(([path, ops]) => [path, Object.fromEntries(Object.entries(ops).map(([m, op]) => [m, { tags: [tag], ...op }]))]));
}

function agentPaths(): Record<string, Record<string, object>> {
  return {
      "/tokens/fetch": {
        post: {
          summary: "A fresh credential for a connected provider",
          requestBody: { required: true, content: jsonBody("FetchTokenRequest") },
          responses: { "200": { description: "The credential", content: jsonBody("FetchTokenResponse") }, "400": error("INVALID_REQUEST, UNKNOWN_PROVIDER, TOKEN_EXPIRED"), "403": error("FORBIDDEN, INSUFFICIENT_SCOPE"), "404": error("INTEGRATION_NOT_FOUND"), "502": error("PROVIDER_ERROR"), "503": error("PROVIDER_NOT_CONFIGURED"), ...authErrors },
        },
      },
      "/oauth/sessions": {
        post: {
          summary: "A 10-minute, single-use connect link for the human",
          requestBody: { required: true, content: jsonBody("CreateSessionRequest") },
          responses: { "201": { description: "The link", content: jsonBody("CreateSessionResponse") }, "400": error("INVALID_REQUEST, UNKNOWN_PROVIDER"), "403": error("FORBIDDEN"), "503": error("PROVIDER_NOT_CONFIGURED"), ...authErrors },
        },
      },
      "/oauth/sessions/{sessionId}": {
        get: {
          summary: "Whether the human finished connecting",
          parameters: [{ name: "sessionId", in: "path", required: true, schema: { type: "string", pattern: "^cs_[0-9A-Za-z]{22}$" } }],
          responses: { "200": { description: "The session", content: jsonBody("SessionStatusResponse") }, "404": error("NOT_FOUND"), ...authErrors },
        },
      },
      "/ai/context/summary": { get: { summary: "What is connected and the next calls (markdown; JSON with Accept: application/json)", responses: { "200": { description: "Summary", content: contextBody("SummaryJson") }, ...authErrors } } },
      "/ai/context/{provider}": {
        get: { summary: "One provider: status, scopes, usage, example", parameters: [{ name: "provider", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "Context", content: contextBody("ProviderContextJson") }, "400": error("UNKNOWN_PROVIDER"), ...authErrors } },
      },
      "/ai/context/{provider}/{service}": {
        get: {
          summary: "One service of a provider: base URL, scopes it needs (and whether the grant has them), endpoints",
          parameters: [
            { name: "provider", in: "path", required: true, schema: { type: "string" } },
            { name: "service", in: "path", required: true, schema: { type: "string" }, example: "gmail" },
          ],
          responses: { "200": { description: "Context", content: contextBody("ServiceContextJson") }, "400": error("UNKNOWN_PROVIDER"), "404": error("NOT_FOUND: unknown service (`services` lists the provider's)"), ...authErrors },
        },
      },
      "/ai/skill": { get: { summary: "The skill document for this instance", security: [], responses: { "200": { description: "Skill", content: markdownBody } } } },
  };
}

export function buildOpenApi(baseUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Akhrot API",
      version: "1",
      description:
        "Three REST families. Agent REST (camelCase, `Authorization: Bearer akh_…`, errors as `Error`). The AuthOS-compatible service API (snake_case, `X-Api-Key`) and organization management (the dashboard session), whose errors are `ServiceError` `{error, error_code, timestamp}`; on their paths a method not listed answers 405 and an unknown path 404, in that envelope.",
    },
    servers: [{ url: baseUrl }],
    security: [{ bearer: [] }],
    tags: [
      { name: AGENT_TAG, description: "What an agent calls with its akh_ key" },
      { name: FAMILY_TAGS.service, description: "AuthOS-compatible API for a trusted backend, with a service key" },
      { name: FAMILY_TAGS.org, description: "AuthOS's organization paths: services, plans and service keys, for signed-in members" },
    ],
    paths: { ...tagged(agentPaths(), AGENT_TAG), ...familyPaths() },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An Akhrot agent key (akh_…)" }, ...familySecuritySchemes },
      schemas: {
        FetchTokenRequest: schema(fetchTokenRequest),
        FetchTokenResponse: schema(fetchTokenResponse),
        CreateSessionRequest: schema(createSessionRequest),
        CreateSessionResponse: schema(createSessionResponse),
        SessionStatusResponse: schema(sessionStatusResponse),
        SummaryJson: schema(summaryJsonResponse),
        ProviderContextJson: schema(providerContextJsonResponse),
        ServiceContextJson: schema(serviceContextJsonResponse),
        Error: schema(agentErrorResponse),
        ...familySchemas(),
      },
    },
  };
}
