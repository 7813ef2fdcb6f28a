/**
 * The service API and organization management families in /openapi.json: their component
 * schemas (the zod schemas the handlers parse with and the serializers are typed by) and their
 * paths, built from the operation tables. Both families answer errors as ServiceError.
 */
import { z } from "zod";
import {
  organizationResponse,
  analyticsResponse,
  apiKeyCreatedResponse,
  apiKeyListResponse,
  apiKeyResponse,
  orgServiceListResponse,
  orgServiceResponse,
  planListResponse,
  planResponse,
  providerTokenResponse,
  serviceErrorResponse,
  serviceInfoResponse,
  serviceUserListResponse,
  serviceUserResponse,
  subscriptionListResponse,
  subscriptionResponse,
} from "@/lib/service-api/responses";
import type { OperationSpec } from "./operation";
import { orgOperations } from "./org-operations";
import { serviceErrorExample, serviceOperations } from "./service-operations";

export const familyOperations: OperationSpec[] = [...serviceOperations, ...orgOperations];

const responseSchemas: Record<string, z.ZodType> = {
  ServiceError: serviceErrorResponse,
  ServiceUser: serviceUserResponse,
  ServiceUserList: serviceUserListResponse,
  Subscription: subscriptionResponse,
  SubscriptionList: subscriptionListResponse,
  ServiceAnalytics: analyticsResponse,
  ServiceInfo: serviceInfoResponse,
  ProviderTokenResponse: providerTokenResponse,
  Organization: organizationResponse,
  OrgService: orgServiceResponse,
  OrgServiceList: orgServiceListResponse,
  Plan: planResponse,
  PlanList: planListResponse,
  ApiKey: apiKeyResponse,
  ApiKeyList: apiKeyListResponse,
  ApiKeyCreated: apiKeyCreatedResponse,
};

const toJson = (s: z.ZodType, io: "input" | "output") => z.toJSONSchema(s, { target: "draft-2020-12", io, unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export function familySchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(responseSchemas)) out[name] = toJson(schema, "output");
  for (const op of familyOperations) if (op.request) out[op.request.name] = toJson(op.request.schema, "input");
  return out;
}

export const FAMILY_TAGS = { service: "Service API", org: "Organization management" } as const;

function toOperation(op: OperationSpec) {
  const [first] = op.examples;
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    const code = Number(status);
    if (!r.schema && code < 400) {
      responses[status] = { description: r.description };
      continue;
    }
    const schema = r.schema ?? "ServiceError";
    const examples = op.examples.filter((e) => e.status === code && e.response !== undefined);
    const content = examples.length
      ? { schema: ref(schema), examples: Object.fromEntries(examples.map((e) => [e.name, { summary: e.summary, value: e.response }])) }
      : { schema: ref(schema), ...(code === 403 && op.family === "service" && { example: serviceErrorExample }) };
    responses[status] = { description: r.description, content: { "application/json": content } };
  }
  return {
    tags: [FAMILY_TAGS[op.family]],
    operationId: `${op.method}${op.path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: op.summary,
    ...(op.description || op.permission ? { description: [op.description, op.permission && `Permission: \`${op.permission}\`.`].filter(Boolean).join(" ") } : {}),
    security: op.family === "service" ? [{ serviceKey: [] }] : [{ session: [] }],
    ...(op.params?.length && { parameters: op.params.map((p) => ({ ...p, required: p.in === "path", ...(first.query?.[p.name] !== undefined && { example: first.query[p.name] }) })) }),
    ...(op.request && {
      requestBody: {
        required: true,
        content: { "application/json": { schema: ref(op.request.name), examples: Object.fromEntries(op.examples.filter((e) => e.body !== undefined).map((e) => [e.name, { summary: e.summary, value: e.body }])) } },
      },
    }),
    responses,
  };
}

export function familyPaths(): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of familyOperations) (paths[op.path] ??= {})[op.method] = toOperation(op);
  return paths;
}

export const familySecuritySchemes = {
  serviceKey: { type: "apiKey", in: "header", name: "X-Api-Key", description: "A service key (aks_…), scoped to one service, minted by an organization admin" },
  session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The dashboard session (`__Secure-authjs.session-token` over HTTPS); mutations must be same-origin" },
};
