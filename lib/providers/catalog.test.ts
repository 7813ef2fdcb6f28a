import * as simpleIcons from "simple-icons";
import { describe, expect, it } from "vitest";
import {
  crossFieldProblems,
  getProvider,
  getService,
  isProviderCode,
  oauthEnvVarNames,
  providerCodes,
  providers,
  providerSchema,
  templatePlaceholders,
  tokenPlaceholders,
  type Provider,
} from "@/lib/providers";

// Written out again on purpose: the codes are public API, a rename in the catalog must fail here.
const expectedCodes = [
  "google", "github", "x-twitter", "telegram", "notion", "linear", "spotify", "slack", "discord",
  "zoom", "calendly", "reddit", "asana", "twitch", "jira", "dropbox", "microsoft", "figma", "gitlab",
  "airtable", "mongodb", "supabase", "railway", "elevenlabs", "typefully", "openai", "twilio",
  "stripe", "sendgrid", "anthropic", "replicate", "cloudflare", "cohere", "postmark", "mailgun",
  "pagerduty", "vercel",
];

const hex32 = "0123456789abcdef0123456789abcdef";
const uuid = "123e4567-e89b-42d3-a456-426614174000";

/** Values each credential pattern must accept / reject (`code.field`). */
const samples: Record<string, { valid: string[]; invalid: string[] }> = {
  "openai.apiKey": {
    valid: ["sk-proj-abcdefghijklmnopqrstuvwxyz0123456789", "sk-abcdefghijklmnopqrstuvwxyz"],
    invalid: ["sk-ant-api03-abcdefghijklmnopqrstuvwxyz", "pk-abcdefghijklmnopqrstuvwxyz", "sk-short", ""],
  },
  "anthropic.apiKey": {
    valid: ["sk-ant-api03-abcdefghijklmnopqrstuvwxyz_0123-456"],
    invalid: ["sk-proj-abcdefghijklmnopqrstuvwxyz", "sk-ant-"],
  },
  "replicate.apiKey": { valid: ["r8_abcdefghijklmnopqrstuvwxyz0123456789A"], invalid: ["r9_abcdefghijklmnopqrstuvwxyz", "r8_short"] },
  "cloudflare.accountId": { valid: [hex32], invalid: ["my-account", `${hex32}0`] },
  "twilio.accountSid": { valid: [`AC${hex32}`], invalid: [`SK${hex32}`, "AC123", `AC${hex32}0`] },
  "twilio.apiKeySid": { valid: [`SK${hex32}`], invalid: [`AC${hex32}`, "SK123", `SK${hex32}0`] },
  // The auth token (32 hex) or an API key secret (32 letters and digits).
  "twilio.authToken": { valid: [hex32, "AbCdEfGhIjKlMnOpQrStUvWxYz012345"], invalid: [hex32.slice(1), `${hex32}z`, `${hex32.slice(1)}-`] },
  "sendgrid.apiKey": {
    valid: ["SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"],
    invalid: ["SG.short.short", "sk-abcdefghijklmnopqrstuvwxyz"],
  },
  "postmark.serverToken": { valid: [uuid], invalid: ["not-a-uuid", `${uuid}0`] },
  "mailgun.apiKey": {
    valid: [`${hex32}-01234567-89abcdef`, `key-${hex32}`],
    invalid: [`pubkey-${hex32}`, "0123"],
  },
  "mailgun.domain": { valid: ["mg.example.com", "example.co.uk"], invalid: ["https://mg.example.com", "localhost", "mg.example.com/"] },
  "mongodb.connectionString": {
    valid: ["mongodb+srv://user:pass@cluster0.abcde.mongodb.net/app", "mongodb://localhost:27017"],
    invalid: ["postgres://localhost/app", "mongodb+srv://"],
  },
  "mongodb.publicKey": { valid: ["abcdefgh"], invalid: ["ABCDEFGH", "abcdefg", "abcdefghi"] },
  "mongodb.privateKey": { valid: [uuid], invalid: ["abcdefgh"] },
  "supabase.projectUrl": {
    valid: ["https://xyzcompany.supabase.co", "https://db.example.com:8443"],
    invalid: ["https://xyzcompany.supabase.co/", "http://xyzcompany.supabase.co", "xyzcompany.supabase.co"],
  },
  "supabase.apiKey": {
    valid: ["eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.abc_DEF-123", "sb_secret_abcdEFGH1234"],
    invalid: ["sb_publishable_abcdEFGH1234", "eyJonlyonepart"],
  },
  "stripe.apiKey": {
    valid: ["sk_test_abcdefghij1234567890", "rk_live_abcdefghij1234567890"],
    invalid: ["pk_test_abcdefghij1234567890", "sk_prod_abcdefghij1234567890", "sk_test_short"],
  },
};

function credentialFieldsOf(p: Provider) {
  return p.authType === "oauth2" ? [] : p.credentialFields;
}

/** Every template-bearing string of a provider, with where it came from. */
function templatesOf(p: Provider): { where: string; template: string }[] {
  const out = p.services.flatMap((s) => (s.baseUrl === null ? [] : [{ where: `service ${s.code} baseUrl`, template: s.baseUrl }]));
  if (p.authType !== "mtproto") {
    out.push({ where: "api.baseUrl", template: p.api.baseUrl }, { where: "api.auth.format", template: p.api.auth.format });
    for (const [h, v] of Object.entries(p.api.extraHeaders ?? {})) out.push({ where: `api header ${h}`, template: v });
  }
  if (p.authType === "api_key") {
    out.push({ where: "usage.baseUrl", template: p.usage.baseUrl }, { where: "usage.format", template: p.usage.format });
    for (const [h, v] of Object.entries(p.usage.extraHeaders ?? {})) out.push({ where: `usage header ${h}`, template: v });
  }
  return out;
}

/** URLs anywhere in an entry: whole values of `*Url` keys and URL variants, and http(s) URLs inside text. */
function urlsOf(value: unknown, key = ""): string[] {
  // Regex sources are not URLs.
  if (key === "pattern") return [];
  if (typeof value === "string") return /url$/i.test(key) ? [value] : (value.match(/https?:\/\/[^\s"'`,)]+/g) ?? []);
  if (Array.isArray(value)) return value.flatMap((v) => urlsOf(v, key));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => urlsOf(v, key === "values" ? "Url" : k));
  }
  return [];
}

describe("provider catalog", () => {
  it("has exactly the 37 seed codes, unique, in the seed's order", () => {
    expect(providerCodes).toEqual(expectedCodes);
    expect(providers.map((p) => p.code)).toEqual(expectedCodes);
    expect(new Set(providers.map((p) => p.code)).size).toBe(37);
  });

  it.each(providers.map((p) => [p.code, p] as const))("%s parses with the zod schema", (_code, provider) => {
    const result = providerSchema.safeParse(provider);
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([]);
  });

  it("uses https for every URL (docs, OAuth endpoints, API and service base URLs)", () => {
    const bad = providers.flatMap((p) =>
      urlsOf(p)
        .map((u) => u.replace(/^\{[A-Za-z]+\}/, "https://placeholder.example").replace(/\{[A-Za-z0-9_]+\}/g, "x"))
        .filter((u) => !URL.canParse(u) || new URL(u).protocol !== "https:")
        .map((u) => `${p.code}: ${u}`),
    );
    expect(bad).toEqual([]);
    expect(providers.flatMap((p) => urlsOf(p)).length).toBeGreaterThan(150);
  });

  it("lists every service scope (and default scope) in the provider's scopes", () => {
    const missing: string[] = [];
    for (const p of providers) {
      if (p.authType !== "oauth2") {
        for (const s of p.services) if (s.scopes.length > 0) missing.push(`${p.code}/${s.code} has scopes`);
        continue;
      }
      const scopes = new Set(p.oauth.scopes);
      for (const scope of p.oauth.defaultScopes) if (!scopes.has(scope)) missing.push(`${p.code} default ${scope}`);
      for (const s of p.services) {
        for (const scope of s.scopes) if (!scopes.has(scope)) missing.push(`${p.code}/${s.code} ${scope}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("only uses placeholders that are credential fields or known token values", () => {
    const unknown: string[] = [];
    for (const p of providers) {
      const fields = credentialFieldsOf(p).map((f) => f.name);
      for (const { where, template } of templatesOf(p)) {
        for (const name of templatePlaceholders(template)) {
          if (!fields.includes(name) && !Object.hasOwn(tokenPlaceholders, name)) unknown.push(`${p.code} ${where}: {${name}}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it("has anchored credential patterns that compile and behave on the samples", () => {
    const problems: string[] = [];
    const patterned = providers.flatMap((p) => credentialFieldsOf(p).flatMap((f) => (f.pattern === undefined ? [] : [{ key: `${p.code}.${f.name}`, pattern: f.pattern }])));
    for (const { key, pattern } of patterned) {
      if (!pattern.startsWith("^") || !pattern.endsWith("$")) problems.push(`${key} not anchored`);
      const sample = samples[key];
      if (sample === undefined || sample.valid.length === 0 || sample.invalid.length === 0) {
        problems.push(`${key} has no samples`);
        continue;
      }
      const re = new RegExp(pattern);
      for (const v of sample.valid) if (!re.test(v)) problems.push(`${key} rejects valid ${v}`);
      for (const v of sample.invalid) if (re.test(v)) problems.push(`${key} accepts invalid ${v}`);
    }
    expect(Object.keys(samples).filter((k) => !patterned.some((p) => p.key === k))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("has unique service codes and 3-8 endpoints per service, at least one service each", () => {
    for (const p of providers) {
      const codes = p.services.map((s) => s.code);
      expect(p.services.length, p.code).toBeGreaterThan(0);
      expect(new Set(codes).size, p.code).toBe(codes.length);
      for (const s of p.services) {
        expect(s.endpoints.length, `${p.code}/${s.code}`).toBeGreaterThanOrEqual(3);
        expect(s.endpoints.length, `${p.code}/${s.code}`).toBeLessThanOrEqual(8);
      }
    }
  });

  it("records a documentation source for every example endpoint (issue 16 item 5), never an API URL itself", () => {
    const missing: string[] = [];
    for (const p of providers) {
      for (const s of p.services) {
        for (const e of s.endpoints) {
          const source = e.source ?? s.source;
          if (!source || new URL(source).protocol !== "https:" || (s.baseUrl && source.startsWith(s.baseUrl))) missing.push(`${p.code}/${s.code} ${e.method} ${e.path}`);
        }
      }
    }
    expect(missing).toEqual([]);
    // The schema itself refuses a service without one.
    const spotify = getProvider("spotify");
    const withoutSource = spotify && { ...spotify, services: spotify.services.map((service) => ({ ...service, source: undefined })) };
    expect(providerSchema.safeParse(withoutSource).success).toBe(false);
  });

  it("names simple-icons slugs that exist in the installed package", () => {
    const slugs = new Set(Object.values(simpleIcons).map((icon) => icon.slug));
    const missing = providers.flatMap((p) => (p.iconSlug !== null && !slugs.has(p.iconSlug) ? [`${p.code}: ${p.iconSlug}`] : []));
    expect(missing).toEqual([]);
    // Brands removed from simple-icons must stay null rather than point at nothing.
    for (const code of ["slack", "microsoft", "openai", "twilio"]) expect(getProvider(code)?.iconSlug).toBeNull();
  });

  it("keeps API-key access-token fields secret and requireOneOf groups real", () => {
    for (const p of providers) {
      if (p.authType === "oauth2") continue;
      const field = p.credentialFields.find((f) => f.name === p.accessTokenField);
      expect(field?.secret, p.code).toBe(true);
    }
  });

  it("detects a rotten entry (the cross-field checks can fail)", () => {
    const github = getProvider("github");
    const repos = getService("github", "repos");
    if (github?.authType !== "oauth2" || repos === undefined) throw new Error("github must be OAuth with repos");
    const broken: Provider = {
      ...github,
      api: { ...github.api, baseUrl: "https://api.github.com/{orgId}" },
      services: [...github.services, { ...repos, scopes: ["admin:everything"] }],
    };
    const problems = crossFieldProblems(broken);
    expect(problems.some((m) => m.includes("duplicate service repos"))).toBe(true);
    expect(problems.some((m) => m.includes("admin:everything"))).toBe(true);
    expect(problems.some((m) => m.includes("{orgId}"))).toBe(true);
    expect(providerSchema.safeParse({ ...github, docsUrl: "http://insecure.example" }).success).toBe(false);
    expect(providerSchema.safeParse({ ...github, services: [] }).success).toBe(false);
  });
});

describe("audit fixes (PROVIDER-AUDIT.md)", () => {
  const oauth = (code: string) => {
    const p = getProvider(code);
    if (p?.authType !== "oauth2") throw new Error(code);
    return p.oauth;
  };
  const paths = (code: string) => (getProvider(code)?.services ?? []).flatMap((s) => s.endpoints.map((e) => `${e.method} ${e.path}`));

  it("calendly requests scopes (mandatory since 2026-03-03) and lists every service scope", () => {
    expect(oauth("calendly").defaultScopes).toEqual(expect.arrayContaining(["users:read", "scheduled_events:read", "event_types:read"]));
  });

  it("google and microsoft defaults are minimal: no restricted Google scope, no Teams scope", () => {
    const google = oauth("google").defaultScopes;
    expect(google.some((s) => /gmail\.modify$|auth\/drive$|gmail\.readonly$/.test(s))).toBe(false);
    expect(oauth("google").scopes).toEqual(expect.arrayContaining(["https://www.googleapis.com/auth/gmail.modify", "https://www.googleapis.com/auth/drive"]));
    expect(oauth("microsoft").defaultScopes.some((s) => /^(Team|Channel|ChannelMessage|Chat)\./.test(s))).toBe(false);
  });

  it("agent examples avoid removed endpoints (Spotify Feb 2026, OpenAI dall-e-2, Notion database query)", () => {
    expect(paths("spotify").filter((p) => /\/users\/\{userId\}\/playlists|\/playlists\/\{playlistId\}\/tracks/.test(p))).toEqual([]);
    expect(paths("spotify")).toEqual(expect.arrayContaining(["POST /me/playlists", "POST /playlists/{playlistId}/items"]));
    expect(paths("openai").filter((p) => p.includes("/images/variations"))).toEqual([]);
    expect(JSON.stringify(getProvider("openai"))).not.toMatch(/dall-e-2"|gpt-image-1"/);
    expect(paths("notion").filter((p) => p.includes("/databases/{databaseId}/query"))).toEqual([]);
  });

  it("a revoke URL without its documented revocation (or a bearer token with a param) is refused", () => {
    const google = getProvider("google");
    if (google?.authType !== "oauth2" || !google.oauth.revocation) throw new Error("google must document revocation");
    expect(crossFieldProblems({ ...google, oauth: { ...google.oauth, revocation: undefined } })).toContain("google: revokeUrl and revocation go together");
    const bad = { ...google.oauth.revocation, tokens: [{ kind: "access" as const, as: "bearer" as const, param: "token" }] };
    expect(crossFieldProblems({ ...google, oauth: { ...google.oauth, revocation: bad } }).some((m) => m.includes("a param iff"))).toBe(true);
  });

  it("every provider with a revoke URL documents its revocation", () => {
    for (const p of providers) {
      if (p.authType !== "oauth2") continue;
      expect(Boolean(p.oauth.revokeUrl), p.code).toBe(Boolean(p.oauth.revocation));
    }
  });
});

describe("catalog lookups", () => {
  it("recognises codes", () => {
    expect(isProviderCode("x-twitter")).toBe(true);
    expect(isProviderCode("X-Twitter")).toBe(false);
    expect(isProviderCode("toString")).toBe(false);
    expect(getProvider("hasOwnProperty")).toBeUndefined();
    expect(getProvider("telegram")?.authType).toBe("mtproto");
  });

  it("finds services by provider object or code", () => {
    expect(getService("google", "gmail")?.baseUrl).toBe("https://gmail.googleapis.com/gmail/v1");
    const github = getProvider("github");
    expect(github && getService(github, "pulls")?.name).toBe("Pull requests");
    expect(getService("google", "nope")).toBeUndefined();
    expect(getService("nope", "gmail")).toBeUndefined();
  });

  it("derives OAuth env var names", () => {
    expect(oauthEnvVarNames("x-twitter")).toEqual({
      clientId: "OAUTH_X_TWITTER_CLIENT_ID",
      clientSecret: "OAUTH_X_TWITTER_CLIENT_SECRET",
      authorizationUrl: "OAUTH_X_TWITTER_AUTHORIZATION_URL",
      tokenUrl: "OAUTH_X_TWITTER_TOKEN_URL",
      userinfoUrl: "OAUTH_X_TWITTER_USERINFO_URL",
      revokeUrl: "OAUTH_X_TWITTER_REVOKE_URL",
    });
  });
});
