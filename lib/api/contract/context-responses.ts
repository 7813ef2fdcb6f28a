/**
 * The JSON variants (`Accept: application/json`) of the agent context routes: the same facts
 * as their markdown (lib/context builders). Each schema is typed against the builder's JSON
 * type, so the two cannot drift apart silently; strict where the facts are ours.
 */
import { z } from "zod";
import type { ProviderContextJson, ServiceContextJson, SummaryJson } from "@/lib/context";
import { authTypes, categories, endpointSchema } from "@/lib/providers/provider-schema";

const providerCode = z.string() as unknown as z.ZodType<SummaryJson["available"][number]>;
const nextCall = z.object({ method: z.enum(["GET", "POST"]), url: z.url(), body: z.record(z.string(), z.unknown()).optional() }).strict();
const account = z
  .object({ connectionId: z.string(), accountId: z.string(), label: z.string().nullable(), status: z.enum(["active", "needs_reauth"]), isDefault: z.boolean(), scopes: z.array(z.string()), expiresAt: z.iso.datetime({ offset: true }).nullable() })
  .strict();

export const summaryJsonResponse: z.ZodType<SummaryJson> = z
  .object({
    connected: z.array(
      z
        .object({
          provider: providerCode,
          accounts: z.array(z.object({ connectionId: z.string(), accountId: z.string(), label: z.string().nullable(), isDefault: z.boolean() }).strict()),
          services: z.array(z.string()),
        })
        .strict(),
    ),
    needsReauth: z.array(z.object({ provider: providerCode, connectionId: z.string(), accountId: z.string(), label: z.string().nullable() }).strict()),
    available: z.array(providerCode),
    needsOperatorSetup: z.array(providerCode),
    next: z.object({ fetchToken: nextCall.nullable(), connect: nextCall.nullable(), details: nextCall.nullable() }).strict(),
  })
  .strict();

const credentialUsage = z
  .object({
    authType: z.enum(authTypes),
    baseUrl: z.string().nullable(),
    header: z.string().nullable(),
    format: z.string().nullable(),
    extraHeaders: z.record(z.string(), z.string()),
    baseUrlLine: z.string().nullable(),
    lines: z.array(z.string()),
    variables: z.array(z.object({ name: z.string(), source: z.string() }).strict()),
    fetchNote: z.string(),
    snippet: z.string().nullable(),
  })
  .strict();

export const providerContextJsonResponse = z
  .object({
    provider: z.object({ code: z.string(), name: z.string(), category: z.enum(categories), authType: z.enum(authTypes), description: z.string(), docsUrl: z.string() }).strict(),
    status: z.enum(["connected", "needs_reauth", "not_connected"]),
    accounts: z.array(account),
    grantedScopes: z.array(z.string()),
    credential: credentialUsage,
    services: z.array(z.object({ code: z.string(), name: z.string(), description: z.string(), context: nextCall }).strict()),
    fetchToken: nextCall,
    connect: nextCall.nullable(),
    setupNeeded: z.string().nullable(),
    example: z.string().nullable(),
  })
  .strict();

export const serviceContextJsonResponse = z
  .object({
    provider: z.object({ code: z.string(), name: z.string(), authType: z.enum(authTypes) }).strict(),
    service: z.object({ code: z.string(), name: z.string(), description: z.string(), baseUrl: z.string().nullable() }).strict(),
    account: account.nullable(),
    scopes: z.object({ needed: z.array(z.string()), granted: z.boolean().nullable(), missing: z.array(z.string()) }).strict(),
    connect: nextCall.nullable(),
    fetchToken: nextCall,
    endpoints: z.array(endpointSchema),
    example: z.string().nullable(),
  })
  .strict();

// Compile-time links to the builders' types: a field added there and not here fails `tsc`.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _keysMatch: [Same<keyof z.infer<typeof providerContextJsonResponse>, keyof ProviderContextJson>, Same<keyof z.infer<typeof serviceContextJsonResponse>, keyof ServiceContextJson>] = [true, true];
void _keysMatch;
