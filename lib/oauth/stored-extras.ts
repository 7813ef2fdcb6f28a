/**
 * Which facts from a provider's token answer may be kept in `connections.metadata` (plaintext
 * jsonb). An allow-list per provider, never a deny-list: token answers nest secrets (Discord's
 * `webhook.token` and `webhook.url` post to a channel without any OAuth token) and personal
 * data (Notion's `owner.user`), and a filter on key names cannot know them all. Only scalar
 * values at the listed paths are kept; anything else in the answer is dropped.
 */
const STORED_EXTRAS: Record<string, readonly string[]> = {
  // https://api.slack.com/methods/oauth.v2.access
  slack: ["team.id", "team.name", "enterprise.id", "enterprise.name", "is_enterprise_install", "app_id", "bot_user_id", "authed_user.id"],
  // https://developers.notion.com/reference/create-a-token
  notion: ["workspace_id", "workspace_name", "workspace_icon", "bot_id", "owner.type"],
  // https://discord.com/developers/docs/topics/oauth2#webhooks (the webhook's token and url are credentials)
  discord: ["guild.id", "guild.name", "webhook.id", "webhook.channel_id", "webhook.guild_id", "webhook.name"],
  // https://www.dropbox.com/developers/documentation/http/documentation#oauth2-token
  dropbox: ["account_id", "team_id"],
  // https://developers.zoom.us/docs/integrations/oauth/ (regional API base)
  zoom: ["api_url"],
};

type Json = Record<string, unknown>;

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

/** The allow-listed, scalar facts of `extras` for `provider`, in their original nesting. */
export function storedExtras(provider: string, extras: Json): Json {
  const out: Json = {};
  for (const path of STORED_EXTRAS[provider] ?? []) {
    const parts = path.split(".");
    let value: unknown = extras;
    for (const p of parts) value = value && typeof value === "object" && !Array.isArray(value) ? (value as Json)[p] : undefined;
    if (!isScalar(value)) continue;
    let into = out;
    for (const p of parts.slice(0, -1)) into = (into[p] ??= {}) as Json;
    into[parts.at(-1) ?? path] = value;
  }
  return out;
}
