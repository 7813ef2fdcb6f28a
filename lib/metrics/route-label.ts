/**
 * A request path → its route template, the only path label metrics carry: ids, provider codes
 * and unknown paths would otherwise make one time series each.
 */
const TEMPLATES: [RegExp, string][] = [
  [/^\/tokens\/fetch$/, "/tokens/fetch"],
  [/^\/oauth\/sessions$/, "/oauth/sessions"],
  [/^\/oauth\/sessions\/[^/]+$/, "/oauth/sessions/{sessionId}"],
  [/^\/oauth\/callback\/[^/]+$/, "/oauth/callback/{provider}"],
  [/^\/ai\/skill$/, "/ai/skill"],
  [/^\/ai\/context\/summary$/, "/ai/context/summary"],
  [/^\/ai\/context\/[^/]+$/, "/ai/context/{provider}"],
  [/^\/ai\/context\/[^/]+\/[^/]+$/, "/ai/context/{provider}/{service}"],
  [/^\/api\/cron\/refresh$/, "/api/cron/refresh"],
  [/^\/api\/service\/provider-tokens$/, "/api/service/provider-tokens"],
  [/^\/api\/activity\/export$/, "/api/activity/export"],
  [/^\/(healthz|readyz|metrics|llms\.txt|openapi\.json)$/, "/$1"],
];

export function routeLabel(pathname: string): string {
  for (const [re, template] of TEMPLATES) if (re.test(pathname)) return pathname.replace(re, template);
  return "other";
}
