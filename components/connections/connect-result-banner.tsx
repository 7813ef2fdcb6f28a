import { getProvider, oauthEnvVarNames, type Provider } from "@/lib/providers";
import { NoticeBanner } from "./notice-banner";

type Props = { connected?: string; replaced?: string; error?: string; provider?: string };

/** Why the operator must act, by the codes /dashboard/connect/{provider} redirects with. */
function errorText(code: string, p: Provider | undefined): string {
  const name = p?.name ?? "this provider";
  switch (code) {
    case "PROVIDER_NOT_CONFIGURED": {
      if (p?.authType === "mtproto") return `${name} is not set up on this Akhrot instance. The operator must set TELEGRAM_API_ID and TELEGRAM_API_HASH (from my.telegram.org).`;
      if (p?.authType === "oauth2") {
        const v = oauthEnvVarNames(p.code);
        return `${name} is not set up on this Akhrot instance. The operator must register an OAuth app at ${name} and set ${v.clientId} and ${v.clientSecret}.`;
      }
      return `${name} is not set up on this Akhrot instance. Ask the operator to configure it.`;
    }
    case "UNKNOWN_PROVIDER":
      return "That provider is not in Akhrot's catalog.";
    case "RATE_LIMITED":
      return "Too many connection attempts. Wait a minute, then try again.";
    case "INTEGRATION_NOT_FOUND":
      return `That ${name} connection no longer exists or its key cannot be replaced here. Reload the list and try again.`;
    case "FORBIDDEN":
      return `You are not allowed to connect ${name}.`;
    default:
      return `Something went wrong while starting to connect ${name}. Try again; if it keeps failing, tell the instance operator.`;
  }
}

/**
 * The result of a dashboard connect flow, read from the query string. Only catalog names and
 * fixed messages are shown: nothing from the URL is echoed as text.
 */
export function ConnectResultBanner({ connected, replaced, error, provider }: Props) {
  if (error) {
    const p = provider ? getProvider(provider) : undefined;
    return (
      <NoticeBanner tone="error" title={p ? `Could not connect ${p.name}` : "Could not connect"} dismissHref="/dashboard/connections" testId="connect-result">
        {errorText(error, p)}
      </NoticeBanner>
    );
  }
  const r = replaced ? getProvider(replaced) : undefined;
  if (r) {
    return (
      <NoticeBanner tone="success" title={`Replaced the ${r.name} key`} dismissHref="/dashboard/connections" testId="connect-result">
        Same connection, new key: your agents get it from their next <code className="font-mono text-xs">POST /tokens/fetch</code>.
      </NoticeBanner>
    );
  }
  const p = connected ? getProvider(connected) : undefined;
  if (!p) return null;
  return (
    <NoticeBanner tone="success" title={`Connected ${p.name}`} dismissHref="/dashboard/connections" testId="connect-result">
      Your agents can now fetch its {p.authType === "oauth2" ? "token" : "credential"} with <code className="font-mono text-xs">POST /tokens/fetch</code>.
    </NoticeBanner>
  );
}
