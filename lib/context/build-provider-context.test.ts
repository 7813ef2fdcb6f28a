import { describe, expect, it } from "vitest";
import { getProvider, providers, type Provider } from "@/lib/providers";
import { buildProviderContext } from "./build-provider-context";
import { connection, everyReady, quotedUrls } from "./test-connections";
import type { ProviderAccess } from "./types";

const base = "https://akhrot.example.com";

function provider(code: string): Provider {
  const p = getProvider(code);
  if (p === undefined) throw new Error(`unknown ${code}`);
  return p;
}

describe("buildProviderContext", () => {
  it("explains how to connect when nothing is connected, with the exact POST /oauth/sessions call", () => {
    const { markdown, json } = buildProviderContext(provider("notion"), [connection("google")], `${base}/`, everyReady);
    expect(json.status).toBe("not_connected");
    expect(markdown).toContain("Not connected.");
    expect(markdown).toContain(`curl -s -X POST "${base}/oauth/sessions"`);
    expect(markdown).toContain(`-d '{"provider":"notion"}'`);
    expect(json.connect).toEqual({ method: "POST", url: `${base}/oauth/sessions`, body: { provider: "notion" } });
    expect(json.accounts).toEqual([]);
  });

  it("lists several accounts with the default marked, granted scopes and re-authorization", () => {
    const connections = [
      connection("google", { accountLabel: "bob@example.com", isDefault: false, status: "needs_reauth", scopes: ["openid"] }),
      connection("google", { accountLabel: "alice@example.com", scopes: ["openid", "email", "https://www.googleapis.com/auth/drive"] }),
      connection("github", { accountLabel: "someone-else" }),
    ];
    const { markdown, json } = buildProviderContext(provider("google"), connections, base, everyReady);
    expect(json.status).toBe("connected");
    expect(markdown).toContain("- alice@example.com (default, active, token expires 2030-01-01T00:00:00.000Z)");
    expect(markdown).toContain("- bob@example.com (needs re-authorization)");
    expect(markdown).not.toContain("someone-else");
    expect(markdown).toContain("Granted scopes (alice@example.com): `openid` `email` `https://www.googleapis.com/auth/drive`");
    expect(markdown).toContain("needs re-authorization (its token expired or was revoked)");
    expect(json.grantedScopes).toEqual(["openid", "email", "https://www.googleapis.com/auth/drive"]);
    expect(json.accounts.map((a) => [a.label, a.isDefault, a.status])).toEqual([
      ["bob@example.com", false, "needs_reauth"],
      ["alice@example.com", true, "active"],
    ]);
  });

  it("reports needs_reauth when no account is usable", () => {
    const { json } = buildProviderContext(provider("slack"), [connection("slack", { status: "needs_reauth" })], base, everyReady);
    expect(json.status).toBe("needs_reauth");
  });

  it("says how to send the credential: header format, extra headers, base URL", () => {
    const github = buildProviderContext(provider("github"), [], base, everyReady).markdown;
    expect(github).toContain("- Header: `Authorization: Bearer $TOKEN`");
    expect(github).toContain("- Also send: `X-GitHub-Api-Version: 2022-11-28`");
    expect(github).toContain("- Base URL: `https://api.github.com`");
    const notion = buildProviderContext(provider("notion"), [], base, everyReady).markdown;
    expect(notion).toContain("`Notion-Version: 2025-09-03`");
    expect(buildProviderContext(provider("pagerduty"), [], base, everyReady).markdown).toContain("eu https://api.eu.pagerduty.com");
    const twilio = buildProviderContext(provider("twilio"), [], base, everyReady);
    expect(twilio.markdown).toContain('curl `-u "$ACCOUNT_SID:$TOKEN"`');
    expect(twilio.markdown).toContain("`accountSid`");
    expect(twilio.json.credential.variables.map((v) => v.name)).toEqual(["ACCOUNT_SID", "TOKEN"]);
    const mailgun = buildProviderContext(provider("mailgun"), [], base, everyReady).markdown;
    expect(mailgun).toContain("eu https://api.eu.mailgun.net");
  });

  it("lists the services with their context paths and a ready example", () => {
    const { markdown, json } = buildProviderContext(provider("google"), [], base, everyReady);
    for (const s of ["gmail", "drive", "calendar", "sheets"]) expect(markdown).toContain(`GET ${base}/ai/context/google/${s}`);
    expect(json.services.map((s) => s.context.url)).toContain(`${base}/ai/context/google/gmail`);
    expect(markdown).toContain('curl -s "https://gmail.googleapis.com/gmail/v1/users/me/messages?maxResults=10"');
    expect(json.example).toContain("$TOKEN");
  });

  it("explains Telegram's session string and shows client code instead of curl", () => {
    const { markdown, json } = buildProviderContext(provider("telegram"), [], base, everyReady);
    expect(markdown).toContain("`apiId` and `apiHash`");
    expect(markdown).toContain("new StringSession(accessToken)");
    expect(json.credential.authType).toBe("mtproto");
  });

  it.each(providers.map((p) => [p.code, p] as const))("%s: valid markdown without HTML and parseable Akhrot URLs", (_code, p) => {
    const { markdown } = buildProviderContext(p, [connection(p.code, { accountLabel: "<b>x</b>" })], base, everyReady);
    expect(markdown).not.toMatch(/</);
    expect((markdown.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
    for (const line of markdown.split("\n").filter((l) => /^\s*curl\s/.test(l))) {
      for (const url of quotedUrls(line)) if (!url.includes("$")) expect(() => new URL(url)).not.toThrow();
    }
    for (const s of p.services) expect(markdown).toContain(`/ai/context/${p.code}/${s.code}`);
  });

  it("names the operator's job instead of a connect call when the instance is not set up for the provider", () => {
    const notSetUp: ProviderAccess = { setupNeeded: () => "Google is not configured on this Akhrot instance. The operator must set OAUTH_GOOGLE_CLIENT_ID.", allowed: () => true };
    const fresh = buildProviderContext(provider("google"), [], base, notSetUp);
    expect(fresh.markdown).toContain("The operator must set OAUTH_GOOGLE_CLIENT_ID.");
    expect(fresh.markdown).toContain("PROVIDER_NOT_CONFIGURED");
    expect(fresh.markdown).not.toContain("/oauth/sessions");
    expect(fresh.json.connect).toBeNull();
    expect(fresh.json.setupNeeded).toMatch(/OAUTH_GOOGLE_CLIENT_ID/);
    const stale = buildProviderContext(provider("google"), [connection("google", { status: "needs_reauth" })], base, notSetUp);
    expect(stale.markdown).not.toContain("/oauth/sessions");
    const ready = buildProviderContext(provider("google"), [], base, everyReady);
    expect(ready.json.setupNeeded).toBeNull();
    expect(ready.json.connect?.body).toEqual({ provider: "google" });
  });
});
