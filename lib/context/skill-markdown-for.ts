import { providers } from "@/lib/providers";
import { buildSkillMarkdown } from "./build-skill-markdown";
import type { ProviderAccess } from "./types";

/** The skill document depends only on the catalog, the base URL and which providers are set up: build it once per pair (bounded). */
const cache = new Map<string, string>();

export function skillMarkdownFor(baseUrl: string, access: ProviderAccess): string {
  const notReady = providers.filter((p) => access.setupNeeded(p.code) !== null).map((p) => p.code);
  const id = `${baseUrl} ${notReady.join(",")}`;
  let doc = cache.get(id);
  if (doc === undefined) {
    if (cache.size >= 16) cache.clear(); // a few base URLs at most (APP_URL, or the hosts a proxy forwards)
    doc = buildSkillMarkdown(baseUrl, access);
    cache.set(id, doc);
  }
  return doc;
}
