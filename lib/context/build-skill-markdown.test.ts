import { describe, expect, it } from "vitest";
import { getProvider, providers } from "@/lib/providers";
import type { ProviderAccess } from "./types";
import { buildSkillMarkdown } from "./build-skill-markdown";
import { everyReady, quotedUrls } from "./test-connections";

const akhrotRoutes = ["/ai/context/summary", "/ai/context/google", "/ai/context/google/gmail", "/tokens/fetch", "/oauth/sessions", "/oauth/sessions/cs_example"];

describe("buildSkillMarkdown", () => {
  it("starts with YAML front matter naming the skill", () => {
    const md = buildSkillMarkdown("https://akhrot.example.com", everyReady);
    const [, frontMatter] = md.split(/^---$/m);
    expect(md.startsWith("---\nname: akhrot\ndescription: ")).toBe(true);
    expect(frontMatter).toMatch(/^\nname: akhrot\ndescription: "[^"\n]+"\n$/);
  });

  it.each(["https://akhrot.example.com", "https://akhrot.example.com/", "https://example.com/akhrot//"])(
    "puts a parseable URL on every curl line, Akhrot calls on the given base (%s)",
    (baseUrl) => {
      const md = buildSkillMarkdown(baseUrl, everyReady);
      const base = baseUrl.replace(/\/+$/, "");
      const curlLines = md.split("\n").filter((l) => /^\s*curl\s/.test(l));
      expect(curlLines.length).toBeGreaterThanOrEqual(7);
      const akhrotPaths: string[] = [];
      for (const line of curlLines) {
        const [url] = quotedUrls(line);
        expect(url, line).toBeDefined();
        expect(() => new URL(url ?? "")).not.toThrow();
        if (url?.startsWith(`${base}/`)) akhrotPaths.push(url.slice(base.length));
        else expect(["gmail.googleapis.com", "api.github.com"], line).toContain(new URL(url ?? "").host);
      }
      expect(akhrotPaths.sort()).toEqual([...akhrotRoutes].sort());
      expect(md).toContain(`GET ${base}/ai/skill`);
      expect(md).not.toMatch(/[^:]\/\/(ai|tokens|oauth)\//);
    },
  );

  it("calls providers directly with the token, from the catalog", () => {
    const md = buildSkillMarkdown("https://akhrot.example.com", everyReady);
    expect(md).toContain('curl -s "https://gmail.googleapis.com/gmail/v1/users/me/messages?maxResults=10"');
    expect(md).toContain('-H "Authorization: Bearer $TOKEN"');
    expect(md).toContain('-H "X-GitHub-Api-Version: 2022-11-28"');
  });

  it("has the full provider table generated from the catalog", () => {
    const md = buildSkillMarkdown("https://akhrot.example.com", everyReady);
    expect(md).toContain("| Provider | Code | Token Type | On this instance | Use Cases |");
    const rows = md.split("\n").filter((l) => /^\| [^|]+ \| [a-z-]+ \| (OAuth Bearer|API Key|MTProto Session) \|/.test(l));
    expect(rows.map((r) => r.split(" | ")[1])).toEqual(providers.map((p) => p.code));
    expect(md).toContain("| Google | google | OAuth Bearer | ready | Gmail, Drive, Calendar, Sheets |");
    expect(md).toContain("| Telegram | telegram | MTProto Session | ready | Messages, Chats (use GramJS or Telethon) |");
    expect(md).toContain("| OpenAI | openai | API Key | ready | Chat, Images, Embeddings |");
  });

  it("has the full error table of DESIGN.md", () => {
    const md = buildSkillMarkdown("https://akhrot.example.com", everyReady);
    const expected = [
      ["UNAUTHORIZED", 401], ["FORBIDDEN", 403], ["INVALID_REQUEST", 400], ["UNKNOWN_PROVIDER", 400],
      ["PROVIDER_NOT_CONFIGURED", 503], ["INTEGRATION_NOT_FOUND", 404], ["INSUFFICIENT_SCOPE", 403],
      ["TOKEN_EXPIRED", 400], ["SESSION_EXPIRED", 400], ["PROVIDER_ERROR", 502], ["RATE_LIMITED", 429],
    ] as const;
    const rows = md.split("\n").filter((l) => /^\| [A-Z_]+ \| \d{3} \|/.test(l));
    expect(rows.map((r) => r.split(" | ").slice(0, 2).join(" | "))).toEqual(expected.map(([c, h]) => `| ${c} | ${h}`));
    expect(md).toContain("| SESSION_EXPIRED | 400 | connect session older than its 10-minute life, or already used |");
  });

  it("states the key points", () => {
    const md = buildSkillMarkdown("https://akhrot.example.com", everyReady);
    for (const point of ["API key = user identity", "Tokens refresh automatically", "Direct API calls", "The user must authorize", "Telegram is special"]) {
      expect(md).toContain(`**${point}.**`);
    }
    expect(md).toMatch(/apiId.*apiHash/);
  });

  it("is plain CommonMark without HTML", () => {
    const md = buildSkillMarkdown("https://akhrot.example.com", everyReady);
    expect(md).not.toMatch(/</);
    expect((md.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
  });

  it("marks the providers that need the operator and connects only a ready one in its example", () => {
    const fresh: ProviderAccess = { setupNeeded: (code) => (getProvider(code)?.authType === "api_key" ? null : "needs the operator"), allowed: () => true };
    const md = buildSkillMarkdown("https://akhrot.example.com", fresh);
    expect(md).toContain("| Google | google | OAuth Bearer | needs operator setup | Gmail, Drive, Calendar, Sheets |");
    expect(md).toContain("| Telegram | telegram | MTProto Session | needs operator setup |");
    expect(md).toContain("| OpenAI | openai | API Key | ready |");
    expect(md).toContain("PROVIDER_NOT_CONFIGURED (503)");
    const connectBodies = [...md.matchAll(/-d '(\{"provider":"[^"]+"[^']*\})'/g)].map((m) => JSON.parse(m[1] ?? "{}") as { provider: string });
    const sessionBody = connectBodies.find((b) => md.includes(`/oauth/sessions" \\\n  -H "Authorization: Bearer $AKHROT_API_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${JSON.stringify(b)}'`));
    expect(getProvider(sessionBody?.provider ?? "")?.authType).toBe("api_key");
  });
});
