import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buildProviderContext, buildServiceContext, buildSkillMarkdown, type ContextConnection } from "@/lib/context";
import { providers } from "@/lib/providers";
import { parseInline, safeHref } from "./parse-inline";
import { parseMarkdown } from "./parse-markdown";
import { connection, everyReady } from "@/lib/context/test-connections";
import { renderMarkdown } from "./render-markdown";

function html(markdown: string): string {
  return renderToStaticMarkup(renderMarkdown(markdown));
}

/** The rendered markup without class attributes, so assertions read like the HTML they mean. */
function bare(markdown: string): string {
  return html(markdown).replace(/ class="[^"]*"/g, "");
}

describe("renderMarkdown blocks", () => {
  it("renders ATX headings at their level, with inline content", () => {
    expect(bare("# Google (google)\n\n## Get the `credential`\n\n### 1. Step")).toBe(
      "<div><h1>Google (google)</h1><h2>Get the <code>credential</code></h2><h3>1. Step</h3></div>",
    );
  });

  it("does not take #hashtag or seven hashes for a heading", () => {
    expect(bare("#tag\n\n####### seven")).toBe("<div><p>#tag</p><p>####### seven</p></div>");
  });

  it("joins paragraph lines and separates paragraphs on blank lines", () => {
    expect(bare("one\ntwo\n\nthree")).toBe("<div><p>one\ntwo</p><p>three</p></div>");
  });

  it("renders bullet lists, a list right after a paragraph line, and numbered lists", () => {
    expect(bare("Use it:\n- Header: `Authorization`\n- Base URL\n\n3. three\n4. four")).toBe(
      "<div><p>Use it:</p><ul><li>Header: <code>Authorization</code></li><li>Base URL</li></ul><ol start=\"3\"><li>three</li><li>four</li></ol></div>",
    );
  });

  it("keeps fenced code verbatim, including markdown-looking lines and longer fences", () => {
    const md = "```bash\ncurl -s \"$URL\" \\\n  -d '{\"a\":\"<b>\"}'\n# not a heading\n- not a list\n```\n\n````\n```inner```\n````";
    const blocks = parseMarkdown(md);
    expect(blocks).toEqual([
      { type: "code", lang: "bash", code: "curl -s \"$URL\" \\\n  -d '{\"a\":\"<b>\"}'\n# not a heading\n- not a list" },
      { type: "code", lang: "", code: "```inner```" },
    ]);
    expect(bare(md)).toContain("<pre tabindex=\"0\" data-lang=\"bash\"><code>curl -s &quot;$URL&quot; \\\n  -d &#x27;{&quot;a&quot;:&quot;&lt;b&gt;&quot;}&#x27;\n# not a heading\n- not a list</code></pre>");
  });

  it("runs an unclosed fence to the end of the document", () => {
    expect(parseMarkdown("```\nstill code\n## still code")).toEqual([{ type: "code", lang: "", code: "still code\n## still code" }]);
  });

  it("renders pipe tables with a header, alignment, escaped pipes and padded short rows", () => {
    const md = "| Code | HTTP | Meaning |\n|:---|---:|:---:|\n| `A` | 400 | a \\| b |\n| B | 401 |";
    expect(bare(md)).toBe(
      "<div><div><table><thead><tr>" +
        '<th scope="col">Code</th><th scope="col">HTTP</th><th scope="col">Meaning</th>' +
        "</tr></thead><tbody>" +
        "<tr><td><code>A</code></td><td>400</td><td>a | b</td></tr>" +
        "<tr><td>B</td><td>401</td><td></td></tr>" +
        "</tbody></table></div></div>",
    );
    expect(html(md)).toMatch(/<th scope="col" class="[^"]*text-right[^"]*">HTTP<\/th>/);
  });

  it("does not take a pipe line without a delimiter row for a table", () => {
    expect(bare("a | b\nc | d")).toBe("<div><p>a | b\nc | d</p></div>");
  });
});

describe("renderMarkdown inline", () => {
  it("renders bold, code spans with backticks inside, and backslash escapes", () => {
    expect(bare("**Type:** ``a`b`` \\*not bold\\*")).toBe("<div><p><strong>Type:</strong> <code>a`b</code> *not bold*</p></div>");
  });

  it("renders http(s) and relative links, autolinks and bare URLs", () => {
    expect(bare("[Docs](https://example.com/a_(b)) [Gmail](/dashboard/providers/google/gmail) <https://x.example/y>")).toBe(
      '<div><p><a href="https://example.com/a_(b)" rel="noopener noreferrer">Docs</a> <a href="/dashboard/providers/google/gmail">Gmail</a> <a href="https://x.example/y" rel="noopener noreferrer">https://x.example/y</a></p></div>',
    );
    expect(bare("Docs: https://developers.google.com/identity.")).toBe(
      '<div><p>Docs: <a href="https://developers.google.com/identity" rel="noopener noreferrer">https://developers.google.com/identity</a>.</p></div>',
    );
  });

  it("does not link URLs inside code spans", () => {
    expect(bare("`GET http://localhost:3000/ai/context/google`")).toBe("<div><p><code>GET http://localhost:3000/ai/context/google</code></p></div>");
  });

  it.each([
    ["javascript:alert(1)"],
    ["JavaScript:alert(1)"],
    ["java\\:script:alert(1)"],
    ["javascript\\:alert(1)"],
    ["<java\tscript:alert(1)>"],
    ["data:text/html,<b>x</b>"],
    ["vbscript:msgbox"],
    ["//evil.example/x"],
  ])("a %s link is not a link, its text stays", (href) => {
    const out = html(`[click me](${href}) after`);
    expect(out).not.toContain("<a");
    expect(out).not.toMatch(/href=/);
    expect(out).toContain("click me");
  });

  it("refuses control characters and backslashes in hrefs, keeps relative and https ones", () => {
    expect(safeHref("java\tscript:alert(1)")).toBeUndefined();
    expect(safeHref("\u0001javascript:alert(1)")).toBeUndefined();
    expect(safeHref("/\\evil.example")).toBeUndefined();
    expect(safeHref("https://ok.example/path?q=1")).toBe("https://ok.example/path?q=1");
    expect(safeHref("#connection")).toBe("#connection");
    expect(safeHref("google/gmail")).toBe("google/gmail");
  });

  it("renders a label with <script> (raw or as the builders' entities) as text", () => {
    for (const label of ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"]) {
      const out = html(`- ${label} (default, active)\n\n# ${label}\n\n| a |\n|---|\n| ${label} |`);
      expect(out).not.toContain("<script");
      expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
  });

  it("does not interpret raw HTML or image syntax", () => {
    expect(bare('<img src=x onerror="alert(1)"> ![x](https://e.example/i.png)')).toBe(
      '<div><p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; !<a href="https://e.example/i.png" rel="noopener noreferrer">x</a></p></div>',
    );
  });

  it("leaves unmatched markers as text", () => {
    expect(parseInline("a ** b [c] `d")).toEqual([{ type: "text", value: "a ** b [c] `d" }]);
  });
});

describe("renderMarkdown on the builders' real output", () => {
  const connections: ContextConnection[] = [
    { id: "c1", provider: "google", accountId: "1", accountLabel: "<script>alert(1)</script> | x", scopes: ["openid"], status: "active", isDefault: true, expiresAt: null },
  ];

  it("leaves no markdown syntax behind for any provider or service", () => {
    const documents = [
      buildSkillMarkdown("https://akhrot.example", everyReady),
      ...providers.flatMap((p) => [
        buildProviderContext(p, connections, "https://akhrot.example", everyReady).markdown,
        ...p.services.map((s) => buildServiceContext(p, s, connections, "https://akhrot.example", everyReady).markdown),
      ]),
    ];
    for (const md of documents) {
      const out = html(md);
      const text = out.replace(/<pre[\s\S]*?<\/pre>/g, "").replace(/<[^>]+>/g, "");
      expect(text).not.toMatch(/```|^#+ |\]\(|&amp;lt;/m);
      expect(out).not.toContain("<script");
      expect(out.match(/<h1/g)).toHaveLength(1);
    }
  });

  it("renders Google's context with its sections, code blocks and the escaped label", () => {
    const google = providers.find((p) => p.code === "google");
    if (!google) throw new Error("google missing from the catalog");
    const out = html(buildProviderContext(google, connections, "https://akhrot.example", everyReady).markdown);
    for (const h2 of ["Connection", "Get the credential", "Send it to the provider", "Services", "Example"]) {
      expect(out).toMatch(new RegExp(`<h2[^>]*>${h2}</h2>`));
    }
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt; | x (default, active)");
    expect(out).toMatch(/<pre[^>]*data-lang="bash"[^>]*><code[^>]*>curl -s -X POST &quot;https:\/\/akhrot.example\/tokens\/fetch&quot;/);
  });
});

describe("S15: a provider-supplied label is never a live link on the dashboard", () => {
  it("renders a label carrying a bare URL as text, not <a href>", () => {
    const google = providers.find((p) => p.code === "google");
    if (!google) throw new Error("catalog lacks google");
    const { markdown } = buildProviderContext(google, [connection("google", { accountLabel: "Bob https://evil.example/reauth www.evil.example" })], "https://akhrot.example", everyReady);
    const out = html(markdown);
    expect(out).toContain("Bob https://evil.example/reauth www.evil.example");
    expect(out).not.toContain('href="https://evil.example/reauth"');
    expect(out).not.toMatch(/href="[^"]*evil\.example/);
  });
});
