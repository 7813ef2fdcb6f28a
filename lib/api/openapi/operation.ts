/**
 * How the service and organization families describe a route for /openapi.json: its request
 * schema (the one the handler parses with), its answers by status (the schemas the serializers
 * are typed by) and at least one example, which the contract test replays against the real route.
 * Example ids are the EXAMPLE_IDS below, so a replay can swap them for its fixtures' ids.
 */
import type { z } from "zod";

export type HttpMethod = "get" | "post" | "patch" | "delete";
export type Family = "service" | "org";

export type ParamSpec = { name: string; in: "path" | "query"; description: string; schema: Record<string, unknown> };

export type ExampleSpec = {
  name: string;
  summary: string;
  query?: Record<string, string>;
  body?: unknown;
  status: number;
  response?: unknown;
};

export type OperationSpec = {
  family: Family;
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/api/service/users/{user_id}`. */
  path: string;
  summary: string;
  description?: string;
  /** Service key permission (service family). */
  permission?: string;
  params?: ParamSpec[];
  request?: { name: string; schema: z.ZodType };
  /** Status → description and schema name (none: no body, e.g. 204). Errors use the family's Error schema. */
  responses: Record<number, { description: string; schema?: string }>;
  examples: [ExampleSpec, ...ExampleSpec[]];
};

/** The ids the examples use. A replay maps each to a real fixture's id. */
export const EXAMPLE_IDS = {
  orgSlug: "acme",
  serviceSlug: "web-app",
  orgId: "org_2Xq9LmT4vB7cN1pR8sK3wD",
  serviceId: "svc_5Hn2QeW8zY1aF6tJ3uV9bC",
  userId: "eu_7dJq2mXoN4bVfKc9LsT1aZ",
  planId: "plan_9Vt3KqL0wXe5RzA1cM8uJf",
  subscriptionId: "sub_3Rf8NpY2kD6wQ1vH9mZ4tL",
  apiKeyId: "skey_6Wc1TbM9qJ3xP7nL2fR8hS",
  connectionId: "conn_8Kp4VsD1yN6tB3mW9qX2cE",
  creatorId: "usr_1Zb7HcQ4nR9wT2kM6vL3pY",
} as const;

export const EXAMPLE_TIME = "2026-09-01T12:00:00.000Z";

export const pathParam = (name: string, description: string): ParamSpec => ({ name, in: "path", description, schema: { type: "string" } });
export const pageParams: ParamSpec[] = [
  { name: "limit", in: "query", description: "Page size, default 50, clamped to 1..100", schema: { type: "integer", default: 50, minimum: 1, maximum: 100 } },
  { name: "offset", in: "query", description: "Rows to skip, default 0 (negatives become 0)", schema: { type: "integer", default: 0, minimum: 0 } },
];

export const errorExample = (error: string, error_code: string) => ({ error, error_code, timestamp: "2026-09-01T12:00:00.000+00:00" });
