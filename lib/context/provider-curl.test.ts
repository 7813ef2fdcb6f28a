import { describe, expect, it } from "vitest";
import { getProvider, getService, providers } from "@/lib/providers";
import { exampleEndpoint, providerCurl, serviceExample } from "./provider-curl";
import { quotedUrls } from "./test-connections";

/** Fills shell variables with sample values the way an agent's shell would. */
function expand(s: string): string {
  return s.replace(/^\$\{?PROJECT_URL\}?/, "https://xyz.supabase.co").replace(/\$\{?([A-Z_]+)\}?/g, "sample");
}

function example(code: string, serviceCode: string) {
  const provider = getProvider(code);
  const service = getService(code, serviceCode);
  if (provider === undefined || service === undefined) throw new Error(`${code}/${serviceCode} missing`);
  return serviceExample(provider, service);
}

describe("provider curl examples", () => {
  const httpServices = providers.flatMap((p) => (p.authType === "mtproto" ? [] : p.services.map((s) => [`${p.code}/${s.code}`, p, s] as const)));

  it.each(httpServices)("%s has a runnable example with an https URL and the credential", (_name, provider, service) => {
    const curl = serviceExample(provider, service);
    expect(curl).toBeDefined();
    const command = curl?.command ?? "";
    const [firstLine] = command.split("\n");
    expect(firstLine?.startsWith("curl -s")).toBe(true);
    const raw = /"([^"]+)"/.exec(firstLine ?? "")?.[1] ?? "";
    const url = new URL(expand(raw.replaceAll("\\$", "$")));
    expect(url.protocol).toBe("https:");
    // Quotes balance on every line (ignoring escaped ones).
    for (const line of command.split("\n")) expect((line.replaceAll('\\"', "").match(/"/g)?.length ?? 0) % 2, line).toBe(0);
    const usesCredential = command.includes("$TOKEN") || command.includes("$PRIVATE_KEY");
    expect(usesCredential).toBe(true);
    for (const v of curl?.variables ?? []) expect(v.source.length, v.name).toBeGreaterThan(0);
  });

  it("picks a parameterless GET, else a call with a body", () => {
    const gmail = getService("google", "gmail");
    expect(gmail && exampleEndpoint(gmail)?.path).toBe("/users/me/messages?maxResults=10");
    expect(example("dropbox", "files")?.command).toContain("/files/search_v2");
    expect(example("linear", "issues")?.command).toContain(`-d '{"query":`);
  });

  it("renders Basic, Digest and header auth from the catalog formats", () => {
    expect(example("twilio", "sms")?.command).toContain('-u "$ACCOUNT_SID:$TOKEN"');
    expect(example("mailgun", "email")?.command).toContain('-u "api:$TOKEN"');
    expect(example("mongodb", "database")?.command).toContain('--digest -u "$PUBLIC_KEY:$PRIVATE_KEY"');
    expect(example("anthropic", "claude")?.command).toContain('-H "x-api-key: $TOKEN"');
    expect(example("anthropic", "claude")?.command).toContain('-H "anthropic-version: 2023-06-01"');
    expect(example("pagerduty", "incidents")?.command).toContain('-H "Authorization: Token token=$TOKEN"');
    expect(example("twitch", "chat")?.command).toContain('-H "Client-Id: $CLIENT_ID"');
    expect(example("jira", "issues")?.command).toContain('"https://api.atlassian.com/ex/jira/$CLOUD_ID/rest/api/3/search/jql?');
  });

  it("names where each variable comes from", () => {
    expect(example("twilio", "sms")?.variables).toEqual([
      { name: "ACCOUNT_SID", source: "fields.accountSid from POST /tokens/fetch" },
      { name: "TOKEN", source: "accessToken from POST /tokens/fetch" },
    ]);
    expect(example("jira", "issues")?.variables.find((v) => v.name === "CLOUD_ID")?.source).toContain("accessible-resources");
  });

  it("escapes shell metacharacters and sends forms as forms", () => {
    const outlook = example("microsoft", "outlook")?.command ?? "";
    expect(outlook).toContain("/me/messages?\\$top=10");
    const provider = getProvider("stripe");
    const service = getService("stripe", "payments");
    const create = service?.endpoints.find((e) => e.path === "/payment_intents" && e.method === "POST");
    const curl = provider && service && create ? providerCurl(provider, service, create) : undefined;
    expect(curl?.command).toContain("-d 'amount=2000&currency=usd");
    expect(curl?.command).not.toContain("application/json");
  });

  it("has no curl for MTProto", () => {
    const telegram = getProvider("telegram");
    expect(telegram && serviceExample(telegram)).toBeUndefined();
    expect(quotedUrls('curl -s "https://a.example/x"')).toEqual(["https://a.example/x"]);
  });
});
