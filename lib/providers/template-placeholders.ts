/**
 * Templates in the catalog (`"Bearer {accessToken}"`, `"https://api.atlassian.com/ex/jira/{cloudId}"`,
 * `"Basic base64({accountSid}:{authToken})"`) name values with `{placeholder}`. A placeholder
 * is either a credential field of an API-key provider or one of the token placeholders below.
 * `base64(...)` means: base64-encode the rendered inside (HTTP Basic).
 */

/** Values an agent gets from `POST /tokens/fetch` (or one documented call after it). */
export const tokenPlaceholders = {
  accessToken: "accessToken from POST /tokens/fetch",
  accountId: "account.id from POST /tokens/fetch",
  accountLabel: "account.label from POST /tokens/fetch",
  // https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/#3-1-get-the-cloudid-for-your-site
  cloudId:
    "id of your site in GET https://api.atlassian.com/oauth/token/accessible-resources (same Bearer token)",
  // The OAuth app's client id (GitHub revoke URL, Twitch Client-Id header). An agent can read it
  // from the token itself on Twitch. https://dev.twitch.tv/docs/authentication/validate-tokens/
  clientId: "client_id from GET https://id.twitch.tv/oauth2/validate (header Authorization: OAuth $TOKEN)",
} as const;

export type TokenPlaceholder = keyof typeof tokenPlaceholders;

export function isTokenPlaceholder(name: string): name is TokenPlaceholder {
  return Object.hasOwn(tokenPlaceholders, name);
}

const placeholderPattern = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** Placeholder names in a template, in order of appearance, without duplicates. */
export function templatePlaceholders(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(placeholderPattern)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Replaces each `{name}` with `render(name)`; other text is kept as is. */
export function renderTemplate(template: string, render: (name: string) => string): string {
  return template.replace(placeholderPattern, (_whole, name: string) => render(name));
}
