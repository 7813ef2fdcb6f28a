/**
 * Response schemas of the agent REST contract (DESIGN.md): what tests validate real answers
 * against and what /openapi.json publishes. Strict objects, so a field added to an answer
 * without being added here fails the contract test.
 */
import { z } from "zod";
import { errorStatus } from "../errors";

const isoDate = z.iso.datetime({ offset: true });
const account = z.object({ id: z.string(), label: z.string().nullable() }).strict();

export const oauthTokenResponse = z
  .object({
    provider: z.string(),
    type: z.literal("oauth2"),
    accessToken: z.string(),
    tokenType: z.literal("Bearer"),
    expiresAt: isoDate.nullable(),
    scopes: z.array(z.string()),
    account,
    connectionId: z.string(),
  })
  .strict();

export const apiKeyTokenResponse = z
  .object({
    provider: z.string(),
    type: z.literal("api_key"),
    accessToken: z.string(),
    fields: z.record(z.string(), z.string()),
    usage: z
      .object({ header: z.string(), format: z.string(), baseUrl: z.string(), extraHeaders: z.record(z.string(), z.string()).optional() })
      .strict(),
    account,
    connectionId: z.string(),
  })
  .strict();

export const mtprotoTokenResponse = z
  .object({ provider: z.literal("telegram"), type: z.literal("mtproto"), accessToken: z.string(), apiId: z.number().int(), apiHash: z.string(), account, connectionId: z.string() })
  .strict();

export const fetchTokenResponse = z.discriminatedUnion("type", [oauthTokenResponse, apiKeyTokenResponse, mtprotoTokenResponse]);

export const createSessionResponse = z.object({ sessionId: z.string().regex(/^cs_[0-9A-Za-z]{22}$/), url: z.url(), expiresAt: isoDate, provider: z.string() }).strict();

export const sessionStatusResponse = z
  .object({
    sessionId: z.string(),
    provider: z.string(),
    status: z.enum(["pending", "completed", "expired", "failed"]),
    expiresAt: isoDate,
    connectionId: z.string().optional(),
    error: z.string().optional(),
  })
  .strict();

const errorCodes = Object.keys(errorStatus) as [keyof typeof errorStatus, ...(keyof typeof errorStatus)[]];

export const agentErrorResponse = z
  .object({
    error: z
      .object({
        code: z.enum(errorCodes),
        message: z.string().min(1),
        provider: z.string().optional(),
        missingScopes: z.array(z.string()).optional(),
        /** NOT_FOUND for an unknown service of /ai/context/{provider}/{service}: the provider's services. */
        services: z.array(z.string()).optional(),
      })
      .strict(),
  })
  .strict();
