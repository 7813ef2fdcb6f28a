import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { UNVERIFIED_MESSAGE } from "@/lib/users/account-may-act";
import { currentUser } from "@/lib/auth/require-user";
import { LINK_CSRF_HEADER } from "@/lib/connect/link-csrf";
import { requestIpLimit, TOO_MANY_ATTEMPTS } from "@/lib/api/ip-limit";
import { loadConnectPage } from "@/lib/connect/load-connect-page";
import { bindingCookieSuffix, REARM_COOKIE_PREFIX } from "@/lib/connect/start-authorization";
import { loadTelegramLogin } from "@/lib/telegram/telegram-login-view";
import { submitCredentials } from "./actions";
import { ConnectCard } from "./connect-card";
import { CredentialsForm } from "./credentials-form";
import { DefaultChoice } from "./default-choice";
import { telegramLoginStep } from "./telegram-actions";
import { TelegramLogin } from "./telegram-login";

export const dynamic = "force-dynamic";

/** Every end page links back (issue 17: no dead ends): to the dashboard, and to a retry where one makes sense. */
const BACK = { href: "/dashboard/connections", label: "Back to your connections" };
const retry = (code: string, name: string) => ({ href: `/dashboard/providers/${code}`, label: `Connect ${name} again` });
export const metadata: Metadata = { title: "Connect an account · Akhrot", referrer: "no-referrer" };

const FAILURES: Record<string, string> = {
  access_denied: "You declined the request at the provider, so nothing was connected.",
  session_expired: "This link expired before you finished. Ask your agent for a new one.",
  provider_mismatch: "The provider sent you back to the wrong place. Ask your agent for a new link.",
  invalid_callback: "The provider's answer did not check out, so nothing was connected. Ask your agent for a new link.",
};

// GET /connect/{sessionId} – the hosted page a human opens from an agent's link; only its owner, signed in, may use it.
export default async function ConnectPage({ params }: { params: Promise<{ sessionId: string }> }) {
  if (!(await requestIpLimit()).ok) return <ConnectCard title="Too many requests" tone="error" body={TOO_MANY_ATTEMPTS} links={[BACK]} />;
  const { sessionId } = await params;
  const user = await currentUser();
  const browserBinding = (await cookies()).get(`${REARM_COOKIE_PREFIX}${bindingCookieSuffix(sessionId)}`)?.value;
  const page = await loadConnectPage(await getDb(), sessionId, user?.id, { browserBinding });
  if (page.state === "not_found") {
    return <ConnectCard title="Link not found" tone="error" body="This connect link does not exist. Ask your agent to create a new one." links={[BACK]} />;
  }
  // Straight back here after signing in (a fixed same-site path; sign-up is not offered on the way).
  if (page.state === "sign_in") redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/connect/${sessionId}`)}`);
  if (page.state === "other_user") {
    return (
      <ConnectCard
        title="This link is not yours"
        tone="error"
        body="This connect link belongs to another Akhrot account, so it cannot be used while you are signed in as yourself. Nothing was connected. If your agent sent you this link, sign out and sign in with the account that agent uses."
        links={[{ href: "/dashboard", label: "Go to your dashboard" }]}
      />
    );
  }
  if (page.state === "unverified") {
    return <ConnectCard title="Confirm your e-mail address first" tone="error" body={UNVERIFIED_MESSAGE} links={[{ href: "/dashboard", label: "Go to your dashboard" }]} />;
  }
  const name = page.provider.name;
  const asker = page.requestedBy === null ? "You started this from the dashboard" : `Your agent key “${page.requestedBy}” asked for this`;
  if (page.state === "completed") {
    return (
      <ConnectCard
        title={`Connected ${name}${page.accountLabel ? ` as ${page.accountLabel}` : ""}`}
        tone="success"
        body={`Your ${name} account is now available to your agents on Akhrot account ${page.maskedEmail}. ${
          page.isDefault ? "Agents that name no account get this one: it is the default." : page.defaultLabel ? `Agents that name no account still get ${page.defaultLabel}, the default; you can change that on the Connections page.` : ""
        } You can close this tab.`}
        links={[BACK]}
      />
    );
  }
  if (page.state === "failed") {
    const message = FAILURES[page.error] ?? (page.error.startsWith("token_exchange_failed") ? `${name} did not accept the sign-in (the code exchange failed). Ask your agent for a new link and try again.` : `${name} reported an error (${page.error.slice(0, 80)}). Nothing was connected.`);
    return <ConnectCard title={`Could not connect ${name}`} tone="error" body={message} links={[retry(page.provider.code, name), BACK]} />;
  }
  if (page.state === "expired") {
    return <ConnectCard title="This link has expired" tone="error" body={`Connect links work once, for 10 minutes. Ask your agent to create a new link for ${name}.`} links={[retry(page.provider.code, name), BACK]} />;
  }
  const p = page.provider;
  const oauth = p.authType === "oauth2";
  const replacing = page.replacing;
  const csrf = (await headers()).get(LINK_CSRF_HEADER) ?? "";
  const choice = page.currentDefault ? <DefaultChoice providerName={name} currentDefault={page.currentDefault} /> : undefined;
  if (page.startedElsewhere) {
    return (
      <ConnectCard
        title={`${name} is being connected in another browser`}
        tone="error"
        body={`Continue was already pressed for this link in another browser, so it can only be finished there. If that was not you, ignore this link and ask your agent for a new one.`}
        links={[BACK]}
      />
    );
  }
  return (
    <ConnectCard
      title={replacing ? `Replace your ${name} key` : `Connect ${name}`}
      tone="neutral"
      body={
        replacing
          ? `The ${name} key you paste replaces the one saved as “${replacing}” on the Akhrot account ${page.maskedEmail}. Your agents keep the same connection and get the new key. Only continue if you asked for this.`
          : `${asker}: connect ${oauth ? `your ${name} account` : `a ${name} credential`} to your Akhrot account ${page.maskedEmail}. Your agents on that account will be able to use it. Only continue if you asked for this.`
      }
      facts={[
        { label: "Requested by", value: page.requestedBy === null ? "the dashboard" : `agent key “${page.requestedBy}”` },
        { label: "Provider", value: name },
      ]}
      scopes={page.scopes}
      action={oauth ? { href: `/connect/${sessionId}/start`, label: `Continue to ${name}`, pendingLabel: `Opening ${name}…`, csrf, fields: choice } : undefined}
      note={`This link works once and expires at ${page.expiresAt.toUTCString()}.`}
    >
      {!oauth &&
        (p.authType === "mtproto" ? (
          // Telegram: the phone login first; importing an existing session string stays available.
          <TelegramLogin
            action={telegramLoginStep.bind(null, sessionId)}
            csrf={csrf}
            initial={await loadTelegramLogin(await getDb(), sessionId)}
            importForm={<CredentialsForm action={submitCredentials.bind(null, sessionId)} csrf={csrf} providerName={name} choice={choice} fields={p.credentialFields.map((f) => ({ name: f.name, label: f.label, secret: f.secret, required: f.required, hint: f.patternHint, options: f.options }))} />}
          />
        ) : (
          <CredentialsForm
            action={submitCredentials.bind(null, sessionId)}
            csrf={csrf}
            providerName={name}
            choice={choice}
            submitLabel={replacing ? "Replace key" : undefined}
            fields={p.credentialFields.map((f) => ({ name: f.name, label: f.label, secret: f.secret, required: f.required, hint: f.patternHint, options: f.options }))}
          />
        ))}
    </ConnectCard>
  );
}
