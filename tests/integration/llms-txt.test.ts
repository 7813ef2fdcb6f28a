import { describe, expect, it } from "vitest";
import { GET as llmsTxt } from "@/app/llms.txt/route";
import { providers } from "@/lib/providers";
import { params, request } from "@/lib/testing/fixtures";

describe("GET /llms.txt", () => {
  it("follows the llms.txt shape and links the skill, the summary and every provider of the catalog", async () => {
    const res = await llmsTxt(request("/llms.txt"), params({}));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await res.text();
    expect(text).toMatch(/^# Akhrot\n\n> .+\n\n/);
    expect(text).toContain("- [Skill](http://localhost:3000/ai/skill): ");
    expect(text).toContain("- [Summary](http://localhost:3000/ai/context/summary): ");
    const links = [...text.matchAll(/\]\(http:\/\/localhost:3000\/ai\/context\/([a-z0-9-]+)\)/g)].map((m) => m[1]).filter((c) => c !== "summary");
    expect(links).toEqual(providers.map((p) => p.code));
    expect(text.split("\n").filter((l) => l.startsWith("## "))).toEqual(["## Docs", "## Providers", "## Optional"]);
  });
});
