/**
 * skills/akhrot/SKILL.md, the skill as installed from the repository (`npx skills add <repo>
 * --skill akhrot`). It is the instance's /ai/skill document with the base URL left to the
 * agent's environment ($AKHROT_URL), because a repository does not know which instance its
 * reader runs. scripts/generate-skill.ts writes it; build-repo-skill.test.ts fails when the
 * committed file and the generator drift apart.
 */
import { buildSkillMarkdown } from "./build-skill-markdown";
import type { ProviderAccess } from "./types";

// A repository cannot know which providers its reader's instance has set up: it lists them all
// as offered; the live /ai/skill and /ai/context say what this instance can do.
export const ANY_INSTANCE: ProviderAccess = { setupNeeded: () => null, allowed: () => true };

const PLACEHOLDER = "https://akhrot.invalid";
export const REPO_SKILL_PATH = "skills/akhrot/SKILL.md";

const SETUP = [
  "## Setup",
  "",
  "Set two environment variables before using this skill:",
  "- `AKHROT_URL`: your Akhrot instance, e.g. `https://akhrot.example.com` (no trailing slash).",
  "- `AKHROT_API_KEY`: an agent key minted in that instance's dashboard (**API keys**).",
  "",
  "`GET $AKHROT_URL/ai/skill` serves this document with your instance's URL filled in.",
].join("\n");

export function buildRepoSkill(): string {
  const doc = buildSkillMarkdown(PLACEHOLDER, ANY_INSTANCE).replaceAll(PLACEHOLDER, "$AKHROT_URL");
  // After the title and the introduction: the first "## " heading is where the steps begin.
  const at = doc.indexOf("\n## ");
  return `${doc.slice(0, at).trimEnd()}\n\n${SETUP}\n${doc.slice(at)}`;
}
