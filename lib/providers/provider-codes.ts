/**
 * The 37 provider codes, in the seed's table order. They are the public API
 * (`/tokens/fetch`, `/oauth/sessions`, `OAUTH_<CODE>_*` env vars, `/oauth/callback/<code>`):
 * never rename one, only append.
 */
export const providerCodes = [
  "google",
  "github",
  "x-twitter",
  "telegram",
  "notion",
  "linear",
  "spotify",
  "slack",
  "discord",
  "zoom",
  "calendly",
  "reddit",
  "asana",
  "twitch",
  "jira",
  "dropbox",
  "microsoft",
  "figma",
  "gitlab",
  "airtable",
  "mongodb",
  "supabase",
  "railway",
  "elevenlabs",
  "typefully",
  "openai",
  "twilio",
  "stripe",
  "sendgrid",
  "anthropic",
  "replicate",
  "cloudflare",
  "cohere",
  "postmark",
  "mailgun",
  "pagerduty",
  "vercel",
] as const;

export type ProviderCode = (typeof providerCodes)[number];

const codeSet: ReadonlySet<string> = new Set(providerCodes);

export function isProviderCode(s: string): s is ProviderCode {
  return codeSet.has(s);
}
