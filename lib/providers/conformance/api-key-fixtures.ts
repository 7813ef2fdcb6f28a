/**
 * Conformance fixtures for API-key providers: the request each provider's documentation says
 * proves a key (method, full path, the exact auth header format, required extra headers),
 * its success answer, and its refusal of a bad key with the words the human must see.
 * tests/integration/api-key-conformance.test.ts serves each from a local HTTP server that
 * answers the refusal to anything else (MongoDB: a real HTTP Digest challenge and check).
 */
import type { ApiKeyFixture } from "./fixture-types";

const uuid = "123e4567-e89b-42d3-a456-426614174000";
const hex32 = "0123456789abcdef0123456789abcdef";

export const apiKeyFixtures: Record<string, ApiKeyFixture> = {
  // https://platform.openai.com/docs/api-reference/authentication
  openai: {
    fields: { apiKey: "sk-proj-abcdefghijklmnopqrstuvwxyz012345" },
    expect: { method: "GET", path: "/v1/models", headers: { authorization: "Bearer sk-proj-abcdefghijklmnopqrstuvwxyz012345" } },
    ok: { status: 200, body: { object: "list", data: [] } },
    refused: { status: 401, body: { error: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" } }, said: "Incorrect API key provided." },
  },
  // https://docs.anthropic.com/en/api/overview#authentication
  anthropic: {
    fields: { apiKey: "sk-ant-api03-abcdefghijklmnopqrstuvwxyz_0123" },
    expect: { method: "GET", path: "/v1/models", headers: { "x-api-key": "sk-ant-api03-abcdefghijklmnopqrstuvwxyz_0123", "anthropic-version": "2023-06-01" } },
    ok: { status: 200, body: { data: [] } },
    refused: { status: 401, body: { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } }, said: "invalid x-api-key" },
  },
  // https://replicate.com/docs/reference/http#authentication
  replicate: {
    fields: { apiKey: "r8_abcdefghijklmnopqrstuvwxyz0123456789A" },
    expect: { method: "GET", path: "/v1/account", headers: { authorization: "Bearer r8_abcdefghijklmnopqrstuvwxyz0123456789A" } },
    ok: { status: 200, body: { type: "user", username: "alice" } },
    refused: { status: 401, body: { title: "Unauthenticated", detail: "You did not pass a valid authentication token", status: 401 }, said: "You did not pass a valid authentication token" },
  },
  // https://docs.cohere.com/reference/check-api-key: a 200 answer carries the verdict in `valid`
  cohere: {
    fields: { apiKey: "co-abcdefghijklmnopqrstuvwxyz0123" },
    expect: { method: "POST", path: "/v1/check-api-key", headers: { authorization: "Bearer co-abcdefghijklmnopqrstuvwxyz0123" } },
    ok: { status: 200, body: { valid: true, organization_id: "org-1", owner_id: "user-1" } },
    refused: { status: 200, body: { valid: false, message: "invalid api token" }, said: "invalid api token" },
  },
  // https://elevenlabs.io/docs/api-reference/authentication
  elevenlabs: {
    fields: { apiKey: "sk_abcdefghijklmnopqrstuvwxyz0123" },
    expect: { method: "GET", path: "/v1/user", headers: { "xi-api-key": "sk_abcdefghijklmnopqrstuvwxyz0123" } },
    ok: { status: 200, body: { user_id: "u1" } },
    refused: { status: 401, body: { detail: { status: "invalid_api_key", message: "Invalid API key" } }, said: "Invalid API key" },
  },
  // https://docs.stripe.com/api/authentication
  stripe: {
    fields: { apiKey: "sk_test_abcdefghijklmnop" },
    expect: { method: "GET", path: "/v1/balance", headers: { authorization: "Bearer sk_test_abcdefghijklmnop" } },
    ok: { status: 200, body: { object: "balance", available: [] } },
    refused: { status: 401, body: { error: { message: "Invalid API Key provided: sk_test_****mnop", type: "invalid_request_error" } }, said: "Invalid API Key provided" },
  },
  // https://typefully.com/docs/api (v2: Authorization: Bearer)
  typefully: {
    fields: { apiKey: "tf_abcdefghijklmnopqrstuvwx" },
    expect: { method: "GET", path: "/v2/me", headers: { authorization: "Bearer tf_abcdefghijklmnopqrstuvwx" } },
    ok: { status: 200, body: { id: 1, name: "Alice" } },
    refused: { status: 401, body: { detail: "Invalid API key." }, said: "Invalid API key." },
  },
  // https://www.twilio.com/docs/usage/requests-to-twilio#authenticate-with-http
  twilio: {
    fields: { accountSid: `AC${hex32}`, authToken: hex32 },
    expect: { method: "GET", path: `/2010-04-01/Accounts/AC${hex32}.json`, headers: { authorization: `Basic ${Buffer.from(`AC${hex32}:${hex32}`).toString("base64")}` } },
    ok: { status: 200, body: { sid: `AC${hex32}`, status: "active" } },
    refused: { status: 401, body: { code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 }, said: "Authenticate" },
  },
  // https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/authentication
  sendgrid: {
    fields: { apiKey: "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" },
    expect: { method: "GET", path: "/v3/scopes", headers: { authorization: "Bearer SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" } },
    ok: { status: 200, body: { scopes: ["mail.send"] } },
    refused: { status: 401, body: { errors: [{ field: null, message: "authorization required" }] }, said: "authorization required" },
  },
  // https://postmarkapp.com/developer/api/overview#authentication
  postmark: {
    fields: { serverToken: uuid },
    expect: { method: "GET", path: "/server", headers: { "x-postmark-server-token": uuid } },
    ok: { status: 200, body: { ID: 1, Name: "Staging" } },
    refused: { status: 401, body: { ErrorCode: 10, Message: "Request does not contain a valid Server token." }, said: "Request does not contain a valid Server token." },
  },
  // https://documentation.mailgun.com/docs/mailgun/api-reference/authentication
  mailgun: {
    fields: { apiKey: `${hex32}-01234567-89abcdef`, region: "eu" },
    expect: { method: "GET", path: "/v4/domains", headers: { authorization: `Basic ${Buffer.from(`api:${hex32}-01234567-89abcdef`).toString("base64")}` } },
    ok: { status: 200, body: { items: [], total_count: 0 } },
    refused: { status: 401, body: "Forbidden", said: "HTTP 401" },
  },
  // https://developer.pagerduty.com/docs/authentication (EU host: https://support.pagerduty.com/main/docs/service-regions)
  pagerduty: {
    fields: { apiKey: "y_NbAkKc66ryYTWUXYEu", region: "eu" },
    expect: { method: "GET", path: "/abilities", headers: { authorization: "Token token=y_NbAkKc66ryYTWUXYEu", accept: "application/vnd.pagerduty+json;version=2" } },
    ok: { status: 200, body: { abilities: ["teams"] } },
    refused: { status: 401, body: { error: { message: "Authentication required", code: 2006 } }, said: "Authentication required" },
  },
  // https://vercel.com/docs/rest-api#authentication
  vercel: {
    fields: { apiToken: "vc_abcdefghijklmnopqrstuvwx" },
    expect: { method: "GET", path: "/v2/user", headers: { authorization: "Bearer vc_abcdefghijklmnopqrstuvwx" } },
    ok: { status: 200, body: { user: { id: "u1" } } },
    refused: { status: 403, body: { error: { code: "forbidden", message: "Not authorized", invalidToken: true } }, said: "Not authorized" },
  },
  // https://developers.cloudflare.com/api/resources/accounts/subresources/tokens/methods/verify/
  cloudflare: {
    fields: { apiToken: "cf_abcdefghijklmnopqrstuvwxyz0123456789", accountId: hex32 },
    expect: { method: "GET", path: `/client/v4/accounts/${hex32}/tokens/verify`, headers: { authorization: "Bearer cf_abcdefghijklmnopqrstuvwxyz0123456789" } },
    ok: { status: 200, body: { success: true, errors: [], messages: [], result: { id: "t1", status: "active" } } },
    refused: { status: 401, body: { success: false, errors: [{ code: 1000, message: "Invalid API Token" }], messages: [], result: null }, said: "Invalid API Token" },
  },
  // https://docs.railway.com/guides/public-api: project tokens in Project-Access-Token; errors as HTTP 200
  railway: {
    fields: { apiToken: "rw-abcdefghijklmnopqrstuvwx", tokenKind: "project" },
    expect: { method: "POST", path: "/graphql/v2", headers: { "project-access-token": "rw-abcdefghijklmnopqrstuvwx" }, body: /projectToken/ },
    ok: { status: 200, body: { data: { projectToken: { projectId: "p1", environmentId: "e1" } } } },
    refused: { status: 200, body: { data: null, errors: [{ message: "Not Authorized" }] }, said: "Not Authorized" },
  },
  // https://supabase.com/docs/guides/api/api-keys
  supabase: {
    fields: { projectUrl: "https://placeholder.supabase.co", apiKey: "sb_secret_abcdefghijklmnopqrstuvwx" },
    expect: { method: "GET", path: "/rest/v1/", headers: { apikey: "sb_secret_abcdefghijklmnopqrstuvwx" } },
    ok: { status: 200, body: { swagger: "2.0" } },
    refused: { status: 401, body: { message: "Invalid API key", hint: "Double check your Supabase `anon` or `service_role` API key." }, said: "Invalid API key" },
  },
  // https://www.mongodb.com/docs/atlas/api/api-authentication/ (HTTP Digest, versioned Accept)
  mongodb: {
    fields: { publicKey: "abcdefgh", privateKey: uuid },
    expect: { method: "GET", path: "/api/atlas/v2/orgs", headers: { accept: "application/vnd.atlas.2025-03-12+json" }, digest: { username: "abcdefgh", password: uuid } },
    ok: { status: 200, body: { results: [], totalCount: 0 } },
    refused: { status: 401, body: { detail: "You are not authorized for this resource.", error: 401, errorCode: "NOT_ORG_GROUP_CREATOR", reason: "Unauthorized" }, said: "You are not authorized for this resource." },
  },
};

/**
 * Second documented credential forms of a provider, checked the same way (the key in
 * `fields[accessTokenField]` is the one altered to prove a refusal).
 */
export const apiKeyVariantFixtures: { code: string; form: string; fixture: ApiKeyFixture }[] = [
  // https://www.twilio.com/docs/usage/requests-to-twilio#authentication: API key SID as the Basic user, its secret as the password;
  // standard keys cannot read /Accounts/{sid}.json (https://www.twilio.com/docs/iam/api-keys#types-of-api-keys).
  {
    code: "twilio",
    form: "API key (SK… + secret)",
    fixture: {
      fields: { accountSid: `AC${hex32}`, apiKeySid: `SK${hex32}`, authToken: "AbCdEfGhIjKlMnOpQrStUvWxYz012345" },
      expect: {
        method: "GET",
        path: `/2010-04-01/Accounts/AC${hex32}/Messages.json?PageSize=1`,
        headers: { authorization: `Basic ${Buffer.from(`SK${hex32}:AbCdEfGhIjKlMnOpQrStUvWxYz012345`).toString("base64")}` },
      },
      ok: { status: 200, body: { messages: [], page: 0, page_size: 1 } },
      refused: { status: 401, body: { code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 }, said: "Authenticate" },
    },
  },
];
