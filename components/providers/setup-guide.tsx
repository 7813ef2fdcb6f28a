/**
 * The one explanation above the providers that need the operator first: how to register an
 * OAuth app for this instance (its exact redirect URI), where the variables go, and that
 * Akhrot reads them only at start.
 */
export function SetupGuide({ origin, hasTelegram }: { origin: string; hasTelegram: boolean }) {
  const code = "font-mono text-[0.8125rem] text-zinc-800 [overflow-wrap:anywhere]";
  return (
    <div className="space-y-3 text-sm leading-6 text-zinc-700" data-testid="setup-guide">
      <p>These providers need the operator of this Akhrot instance before anyone can connect them. For each OAuth provider:</p>
      <ol className="list-decimal space-y-2 pl-5">
        <li>
          Register an OAuth app in the provider&apos;s developer console with this redirect URI:{" "}
          <code className={code} data-testid="redirect-uri-pattern">
            {origin}/oauth/callback/&lt;code&gt;
          </code>{" "}
          (for Google: <code className={code}>{origin}/oauth/callback/google</code>).
        </li>
        <li>
          Put its client id and secret in <code className={code}>OAUTH_&lt;CODE&gt;_CLIENT_ID</code> and <code className={code}>OAUTH_&lt;CODE&gt;_CLIENT_SECRET</code>: in{" "}
          <code className={code}>.env.local</code> in development, in the host&apos;s environment variables in production. Each card names its own pair.
        </li>
        <li>Restart Akhrot: it reads these variables only when it starts.</li>
      </ol>
      {hasTelegram && (
        <p>
          Telegram instead needs <code className={code}>TELEGRAM_API_ID</code> and <code className={code}>TELEGRAM_API_HASH</code> from my.telegram.org, set the same way.
        </p>
      )}
    </div>
  );
}
