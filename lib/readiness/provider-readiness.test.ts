import { afterEach, describe, expect, it } from "vitest";
import { buildSummary } from "@/lib/context";
import { resetEnvCache } from "@/lib/env";
import { getProvider, providers, type Provider } from "@/lib/providers";
import { assertProviderReady, connectHint, providerAccess, providerReadiness } from "./provider-readiness";

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  resetEnvCache();
});

function p(code: string): Provider {
  const found = getProvider(code);
  if (!found) throw new Error(code);
  return found;
}

function unsetAll() {
  for (const k of Object.keys(process.env)) if (k.startsWith("OAUTH_") || k.startsWith("TELEGRAM_")) delete process.env[k];
  resetEnvCache();
}

describe("providerReadiness (the one rule)", () => {
  it("on a fresh instance: API-key providers ready; OAuth and Telegram name the operator's variables", () => {
    unsetAll();
    expect(providerReadiness(p("openai"))).toEqual({ ready: true });
    expect(providerReadiness(p("google"))).toMatchObject({ ready: false, envVars: ["OAUTH_GOOGLE_CLIENT_ID", "OAUTH_GOOGLE_CLIENT_SECRET"] });
    expect(providerReadiness(p("telegram"))).toMatchObject({ ready: false, envVars: ["TELEGRAM_API_ID", "TELEGRAM_API_HASH"] });
    expect(() => assertProviderReady(p("google"))).toThrow(/OAUTH_GOOGLE_CLIENT_ID and OAUTH_GOOGLE_CLIENT_SECRET/);
    expect(connectHint(p("google"))).not.toContain("/oauth/sessions");
    expect(connectHint(p("openai"))).toBe('Create a connect session: POST /oauth/sessions {"provider":"openai"}');
  });

  it("an OAuth app needs both id and secret; Telegram needs both variables", () => {
    unsetAll();
    process.env.OAUTH_GITHUB_CLIENT_ID = "id";
    process.env.TELEGRAM_API_ID = "12345";
    resetEnvCache();
    expect(providerReadiness(p("github")).ready).toBe(false);
    expect(providerReadiness(p("telegram")).ready).toBe(false);
    process.env.OAUTH_GITHUB_CLIENT_SECRET = "secret";
    process.env.TELEGRAM_API_HASH = "0123456789abcdef0123456789abcdef";
    resetEnvCache();
    expect(providerReadiness(p("github"))).toEqual({ ready: true });
    expect(providerReadiness(p("telegram"))).toEqual({ ready: true });
  });

  it("feeds the summary: a fresh instance's summary offers no provider that would answer 503", () => {
    unsetAll();
    process.env.OAUTH_GITHUB_CLIENT_ID = "id";
    process.env.OAUTH_GITHUB_CLIENT_SECRET = "secret";
    resetEnvCache();
    const { json } = buildSummary([], "https://akhrot.example.com", providerAccess(null));
    for (const code of json.available) expect(providerReadiness(p(code)).ready).toBe(true);
    expect(json.available).toContain("github");
    expect(json.needsOperatorSetup).toContain("google");
    expect(json.needsOperatorSetup.length + json.available.length).toBe(providers.length);
    const limited = buildSummary([], "https://akhrot.example.com", providerAccess(["google", "github"])).json;
    expect(limited.available).toEqual(["github"]);
    expect(limited.needsOperatorSetup).toEqual(["google"]);
  });
});
