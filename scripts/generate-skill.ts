// npm run skill:generate — rewrite skills/akhrot/SKILL.md from the catalog (commit the result).
import { writeFileSync } from "node:fs";
import { buildRepoSkill, REPO_SKILL_PATH } from "@/lib/context/build-repo-skill";

writeFileSync(REPO_SKILL_PATH, buildRepoSkill());
process.stdout.write(`wrote ${REPO_SKILL_PATH}\n`);
