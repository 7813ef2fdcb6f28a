import { describe, expect, it } from "vitest";
import { getProvider, getService, providers, type Provider, type Service } from "@/lib/providers";
import { buildServiceContext } from "./build-service-context";
import { connection, everyReady } from "./test-connections";
import type { ProviderAccess } from "./types";

const base = "https://akhrot.example.com";
const gmailScope = "https://www.googleapis.com/auth/gmail.modify";
const driveScope = "https://www.googleapis.com/auth/drive";

function pair(code: string, serviceCode: string): [Provider, Service] {
  const p = getProvider(code);
  const s = getService(code, serviceCode);
  if (p === undefined || s === undefined) throw new Error(`${code}/${serviceCode}`);
  return [p, s];
}

describe("buildServiceContext", () => {
  it("lists missing scopes and the session call that asks for them (keeping the granted ones)", () => {
    const [google, gmail] = pair("google", "gmail");
    const { markdown, json } = buildServiceContext(google, gmail, [connection("google", { accountLabel: "alice@example.com", scopes: ["openid", driveScope] })], base, everyReady);
    expect(markdown).toContain(`Base URL: \`https://gmail.googleapis.com/gmail/v1\``);
    expect(markdown).toContain(`Needs: \`${gmailScope}\``);
    expect(markdown).toContain(`Missing for alice@example.com: \`${gmailScope}\``);
    expect(json.scopes).toEqual({ needed: [gmailScope], granted: false, missing: [gmailScope] });
    expect(json.connect?.body).toEqual({ provider: "google", scopes: ["openid", driveScope, gmailScope] });
    expect(markdown).toContain(JSON.stringify({ provider: "google", scopes: ["openid", driveScope, gmailScope] }));
  });

  it("confirms a complete grant and offers no connect call", () => {
    const [google, drive] = pair("google", "drive");
    const { markdown, json } = buildServiceContext(google, drive, [connection("google", { accountLabel: "alice@example.com", scopes: [driveScope] })], base, everyReady);
    expect(markdown).toContain("Granted to alice@example.com: yes");
    expect(json.scopes.granted).toBe(true);
    expect(json.connect).toBeNull();
  });

  it("uses the default account's grant, not another account's", () => {
    const [google, gmail] = pair("google", "gmail");
    const connections = [
      connection("google", { accountLabel: "other@example.com", isDefault: false, scopes: [gmailScope] }),
      connection("google", { accountLabel: "main@example.com", scopes: [] }),
    ];
    const { json } = buildServiceContext(google, gmail, connections, base, everyReady);
    expect(json.account?.label).toBe("main@example.com");
    expect(json.scopes.missing).toEqual([gmailScope]);
  });

  it("tells how to connect when not connected, and shows re-authorization", () => {
    const [slack, chat] = pair("slack", "chat");
    const notConnected = buildServiceContext(slack, chat, [], base, everyReady);
    expect(notConnected.markdown).toContain("Not connected. Connect Slack first:");
    expect(notConnected.json.connect?.body).toEqual({ provider: "slack" });
    expect(notConnected.json.scopes.granted).toBeNull();
    const reauth = buildServiceContext(slack, chat, [connection("slack", { status: "needs_reauth", scopes: ["chat:write"], accountLabel: "ann" })], base, everyReady);
    expect(reauth.markdown).toContain("ann needs re-authorization");
    expect(reauth.json.connect?.body).toEqual({ provider: "slack" });
  });

  it("offers no connect call for a provider the instance is not set up for", () => {
    const [slack, chat] = pair("slack", "chat");
    const notSetUp: ProviderAccess = { setupNeeded: () => "Slack is not configured on this Akhrot instance.", allowed: () => true };
    const doc = buildServiceContext(slack, chat, [], base, notSetUp);
    expect(doc.json.connect).toBeNull();
    expect(doc.markdown).toContain("Slack is not configured on this Akhrot instance.");
    expect(doc.markdown).not.toContain("/oauth/sessions");
    expect(doc.markdown).not.toContain("Connect Slack first");
  });

  it("lists the endpoints and one example", () => {
    const [github, issues] = pair("github", "issues");
    const { markdown, json } = buildServiceContext(github, issues, [], base, everyReady);
    for (const e of issues.endpoints) expect(markdown).toContain(`\`${e.method} ${e.path}\``);
    expect(markdown).toContain('curl -s "https://api.github.com/issues?filter=assigned&state=open"');
    expect(json.endpoints).toHaveLength(issues.endpoints.length);
  });

  it("says API-key services have no scopes", () => {
    const [openai, chat] = pair("openai", "chat");
    const { markdown, json } = buildServiceContext(openai, chat, [connection("openai")], base, everyReady);
    expect(markdown).toContain("No scopes: the credential's own permissions apply.");
    expect(json.scopes).toEqual({ needed: [], granted: true, missing: [] });
    expect(json.connect).toBeNull();
  });

  it.each(providers.flatMap((p) => p.services.map((s) => [`${p.code}/${s.code}`, p, s] as const)))(
    "%s renders without HTML and with an example",
    (_name, p, s) => {
      const { markdown, json } = buildServiceContext(p, s, [connection(p.code, { accountLabel: "<i>x</i>" })], base, everyReady);
      expect(markdown).not.toMatch(/</);
      expect((markdown.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
      expect(json.example).not.toBeNull();
    },
  );
});
