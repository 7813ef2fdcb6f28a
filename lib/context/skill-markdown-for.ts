import { buildSkillMarkdown } from "./build-skill-markdown";

/** The skill document depends only on the catalog and the base URL: build it once per URL (bounded). */
const cache = new Map<string, string>();

export function skillMarkdownFor(baseUrl: string): string {
  let doc = cache.get(baseUrl);
  if (doc === undefined) {
    if (cache.size >= 16) cache.clear(); // a few base URLs at most (APP_URL, or the hosts a proxy forwards)
    doc = buildSkillMarkdown(baseUrl);
    cache.set(baseUrl, doc);
  }
  return doc;
}
