import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ANY_INSTANCE, buildRepoSkill, REPO_SKILL_PATH } from "./build-repo-skill";
import { buildSkillMarkdown } from "./build-skill-markdown";

describe("skills/akhrot/SKILL.md", () => {
  it("is exactly what the generator writes (run `npm run skill:generate` after changing the skill or the catalog)", () => {
    expect(readFileSync(REPO_SKILL_PATH, "utf8")).toBe(buildRepoSkill());
  });

  it("has the skills convention's front matter and the live skill's content with $AKHROT_URL as base", () => {
    const doc = buildRepoSkill();
    expect(doc).toMatch(/^---\nname: akhrot\ndescription: "[^"\n]+"\n---\n/);
    expect(doc).toContain('curl -s -H "Authorization: Bearer $AKHROT_API_KEY" "$AKHROT_URL/ai/context/summary"');
    expect(doc).not.toContain("akhrot.invalid");
    // Everything the live document says, the repository copy says too (apart from the base URL and the setup section).
    const live = buildSkillMarkdown("https://x.test", ANY_INSTANCE).replaceAll("https://x.test", "$AKHROT_URL");
    for (const line of live.split("\n")) expect(doc).toContain(line);
  });
});
