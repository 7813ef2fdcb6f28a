/**
 * The zod schema of one catalog entry, and the types inferred from it. The catalog
 * (`./catalog/*.ts`) is `satisfies`-checked against these types at compile time and parsed
 * with `providerSchema` in `catalog.test.ts`, which also runs the cross-field checks below.
 *
 * Conventions:
 * - every path (`endpoints[].path`, `verify.path`) is appended to its base URL;
 * - templates use `{placeholder}` (see ./template-placeholders.ts);
 * - `extraHeaders` are sent on every API call besides the auth header.
 */
import { z } from "zod";
import { oauthQuirks } from "./oauth-quirks";
import { providerCodes } from "./provider-codes";
import { crossFieldProblems } from "./cross-field-problems";
import { renderTemplate } from "./template-placeholders";

export const authTypes = ["oauth2", "api_key", "mtproto"] as const;
export type AuthType = (typeof authTypes)[number];

export const categories = [
  "Productivity",
  "Developer",
  "Communication",
  "AI",
  "Payments",
  "Email",
  "Data",
  "Infrastructure",
  "Social",
  "Design",
  "Media",
] as const;
export type Category = (typeof categories)[number];

export const httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof httpMethods)[number];
/** `RPC` is an MTProto method call (Telegram): `path` is then the method name. */
export const endpointMethods = [...httpMethods, "RPC"] as const;

/** Renders a template with dummy values; a leading placeholder stands for a whole URL. */
function sampleUrl(template: string): string {
  const withOrigin = template.replace(/^\{[A-Za-z][A-Za-z0-9_]*\}/, "https://placeholder.example");
  return renderTemplate(withOrigin, () => "x");
}

function isHttpsUrl(s: string): boolean {
  if (!URL.canParse(s)) return false;
  return new URL(s).protocol === "https:";
}

const text = z.string().trim().min(1);
const slug = z.string().regex(/^[a-z][a-z0-9-]*$/, "lowercase slug");
/** An https URL, possibly with `{placeholders}` (a leading one stands for a URL field). */
const urlTemplate = z.string().refine((s) => isHttpsUrl(sampleUrl(s)), "must be an https URL (template)");
const headers = z.record(z.string().regex(/^[A-Za-z0-9-]+$/), text).readonly();
const dottedPath = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/, "dotted path");
const scopeList = z.array(text).readonly();

/** A documentation page: https, never the API host itself. */
const docUrl = z.url({ protocol: /^https$/ });

export const endpointSchema = z
  .object({
    method: z.enum(endpointMethods),
    /** `/path?query` relative to the service base URL; `{name}` marks a path parameter. */
    path: z.string().regex(/^(\/\S*|[a-z]+\.[A-Za-z]+)$/),
    description: text,
    /** Example request body for POST/PUT/PATCH, used by generated curl examples. */
    body: z.string().optional(),
    /** How `body` is encoded: JSON unless the provider wants a form (Stripe, Twilio, Reddit...). */
    bodyFormat: z.enum(["json", "form"]).optional(),
    /** The provider doc for this endpoint, when it is not on the service's `source` page (a moved or renamed endpoint). */
    source: docUrl.optional(),
  })
  .readonly();

export const serviceSchema = z
  .object({
    code: slug,
    name: text,
    description: text,
    /** null only for MTProto (no HTTP API). */
    baseUrl: urlTemplate.nullable(),
    /** Scopes this service needs; [] for API-key providers. */
    scopes: scopeList,
    /**
     * The provider's own reference for this service's example endpoints (issue 16 item 5): the
     * page each example was checked against. An endpoint documented elsewhere names its own.
     */
    source: docUrl,
    endpoints: z.array(endpointSchema).min(3).max(8).readonly(),
  })
  .readonly();

export const apiSchema = z
  .object({
    baseUrl: urlTemplate,
    auth: z.object({ header: text, format: text }).readonly(),
    extraHeaders: headers.optional(),
  })
  .readonly();

const baseShape = {
  code: z.enum(providerCodes),
  name: text,
  category: z.enum(categories),
  description: text,
  docsUrl: z.url({ protocol: /^https$/ }),
  /** simple-icons slug, or null when simple-icons does not carry the brand. */
  iconSlug: z.string().regex(/^[a-z0-9]+$/).nullable(),
  services: z.array(serviceSchema).min(1).readonly(),
};

/**
 * How the provider documents revocation, so the engine sends exactly that: which stored token,
 * how it travels (form / JSON field, or as the Bearer credential of the call), which client
 * authentication, and which answers mean "revoked". Each entry cites its doc at the line.
 */
export const revocationSchema = z
  .object({
    method: z.enum(["POST", "DELETE"]),
    /** In order of preference: the first token kind the connection holds is sent. */
    tokens: z
      .array(
        z
          .object({
            kind: z.enum(["refresh", "access"]),
            as: z.enum(["form", "json", "bearer"]),
            /** The field name for `form` / `json` (RFC 7009 says `token`). */
            param: z.string().regex(/^[a-z_]+$/).optional(),
          })
          .readonly(),
      )
      .min(1)
      .readonly(),
    /** basic: HTTP Basic; body: client_id + client_secret in the body; client_id: only the id; none. */
    clientAuth: z.enum(["basic", "body", "client_id", "none"]),
    headers: headers.optional(),
    /** HTTP statuses the provider documents for a successful revocation. */
    successStatus: z.array(z.number().int().min(200).max(299)).min(1).readonly(),
    /** A JSON field that must be `true` as well (Slack answers HTTP 200 `{"ok":false}` on failure). */
    okField: dottedPath.optional(),
  })
  .readonly();

export const oauthConfigSchema = z
  .object({
    authorizationUrl: urlTemplate,
    tokenUrl: urlTemplate,
    /** Only when refresh does not use `tokenUrl`. */
    refreshUrl: urlTemplate.optional(),
    /** May contain `{clientId}` (GitHub's grant API). */
    revokeUrl: urlTemplate.optional(),
    /** Required with `revokeUrl`. */
    revocation: revocationSchema.optional(),
    userinfoUrl: urlTemplate.optional(),
    pkce: z.enum(["required", "supported", "none"]),
    /** basic: HTTP Basic client_id:client_secret; body: both in the request body. */
    clientAuth: z.enum(["basic", "body"]),
    tokenRequestFormat: z.enum(["form", "json"]),
    scopeSeparator: z.enum([" ", ","]),
    defaultScopes: scopeList,
    /** Every scope the services mention, plus the defaults. */
    scopes: scopeList,
    extraAuthorizeParams: z.record(z.string(), z.string()).readonly(),
    quirks: z.array(z.enum(oauthQuirks)).readonly(),
    /**
     * Token-endpoint errors that mean the grant is dead although they are not RFC 6749's
     * `invalid_grant` (X answers a dead refresh token with `invalid_request`). Matched on the
     * error code and, when given, the whole `error_description` (a regex source), so a
     * malformed request of ours never passes for a dead grant. The engine reads them as
     * `invalid_grant`: the connection needs re-authorization, with the provider's words kept.
     */
    deadGrantErrors: z.array(z.object({ error: text, description: z.string().min(1).optional() }).readonly()).readonly().optional(),
    /** Where the account id and label are read from; a quirk says when it is not a plain GET userinfo. */
    identity: z
      .object({
        idField: dottedPath,
        labelField: dottedPath,
        labelFallbackField: dottedPath.optional(),
        quirk: z.enum(oauthQuirks).optional(),
      })
      .readonly(),
  })
  .readonly();

export const credentialFieldSchema = z
  .object({
    name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, "camelCase field name"),
    label: text,
    secret: z.boolean(),
    required: z.boolean(),
    /** Regex source, matched against the whole trimmed value. */
    pattern: z.string().optional(),
    patternHint: text.optional(),
    options: z.array(text).min(1).readonly().optional(),
  })
  .readonly();

export const usageSchema = z
  .object({
    header: text,
    format: text,
    baseUrl: urlTemplate,
    extraHeaders: headers.optional(),
    /** When a field (e.g. Mailgun `region`) selects the base URL: option -> base URL. */
    baseUrlVariants: z
      .object({ field: text, values: z.record(z.string(), z.url({ protocol: /^https$/ })).readonly() })
      .readonly()
      .optional(),
    note: text.optional(),
  })
  .readonly();

export const oauthProviderSchema = z
  .object({ ...baseShape, authType: z.literal("oauth2"), api: apiSchema, oauth: oauthConfigSchema })
  .readonly();

const verifyPath = z.string().regex(/^\/\S*$/);

/** The key check: one cheap authenticated call, with what the provider's answer must show. */
export const verifySchema = z
  .object({
    method: z.enum(httpMethods),
    path: verifyPath,
    body: z.string().optional(),
    /**
     * The first variant whose credential field matches (`equals` that option, or any non-empty
     * value) replaces the path, body or auth header: Cloudflare account tokens, Railway token kinds.
     */
    variants: z
      .array(z.object({ field: text, equals: text.optional(), path: verifyPath.optional(), body: z.string().optional(), header: text.optional(), format: text.optional() }).readonly())
      .readonly()
      .optional(),
    /** A 2xx answer still means "refused" when this JSON field is present (GraphQL `errors`). */
    refusedWhenField: dottedPath.optional(),
    /** A 2xx answer must also carry `true` here (Cohere's `valid`). */
    okField: dottedPath.optional(),
    /** HTTP Digest (RFC 7616) with these credential fields as user name and password (MongoDB Atlas). */
    digest: z.object({ username: text, password: text }).readonly().optional(),
  })
  .readonly();

export const apiKeyProviderSchema = z
  .object({
    ...baseShape,
    authType: z.literal("api_key"),
    api: apiSchema,
    credentialFields: z.array(credentialFieldSchema).min(1).readonly(),
    /** The field returned as `accessToken` by /tokens/fetch; the others come under `fields`. */
    accessTokenField: text,
    /** At least one of these groups must be filled completely (e.g. MongoDB). */
    requireOneOf: z.array(z.array(text).min(1).readonly()).min(2).readonly().optional(),
    usage: usageSchema,
    /** Cheap authenticated call that proves the credential works (path relative to usage.baseUrl). */
    verify: verifySchema.optional(),
  })
  .readonly();

export const mtprotoProviderSchema = z
  .object({
    ...baseShape,
    authType: z.literal("mtproto"),
    credentialFields: z.array(credentialFieldSchema).min(1).readonly(),
    accessTokenField: text,
    mtproto: z
      .object({
        apiIdEnv: z.literal("TELEGRAM_API_ID"),
        apiHashEnv: z.literal("TELEGRAM_API_HASH"),
        /** Extra values /tokens/fetch returns next to accessToken (the session string). */
        fetchFields: z.array(text).readonly(),
        clients: z.array(text).min(1).readonly(),
      })
      .readonly(),
  })
  .readonly();

export type Endpoint = z.infer<typeof endpointSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type CredentialField = z.infer<typeof credentialFieldSchema>;
export type ProviderApi = z.infer<typeof apiSchema>;
export type OAuthConfig = z.infer<typeof oauthConfigSchema>;
export type Revocation = z.infer<typeof revocationSchema>;
export type KeyCheck = z.infer<typeof verifySchema>;
export type ApiKeyUsage = z.infer<typeof usageSchema>;
export type OAuthProvider = z.infer<typeof oauthProviderSchema>;
export type ApiKeyProvider = z.infer<typeof apiKeyProviderSchema>;
export type MtprotoProvider = z.infer<typeof mtprotoProviderSchema>;
export type Provider = OAuthProvider | ApiKeyProvider | MtprotoProvider;

export const providerSchema = z
  .discriminatedUnion("authType", [oauthProviderSchema, apiKeyProviderSchema, mtprotoProviderSchema])
  .superRefine((provider, ctx) => {
    for (const message of crossFieldProblems(provider)) ctx.addIssue({ code: "custom", message });
  });
