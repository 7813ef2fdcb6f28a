import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ConnectCard } from "@/app/connect/[sessionId]/connect-card";
import { buttonPrimary, buttonSecondary, label } from "@/components/ui/styles";
import { requestOrigin } from "@/lib/auth/request-origin";
import { currentUser } from "@/lib/auth/require-user";
import { consentCsrfToken, loadConsent } from "@/lib/mcp-oauth/grants";
import { providers } from "@/lib/providers";
import { UNVERIFIED_MESSAGE } from "@/lib/users/account-may-act";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Allow an MCP client · Akhrot", referrer: "no-referrer" };

const ERRORS: Record<string, string> = {
  no_providers: "Pick at least one provider, or allow all providers.",
  unverified: UNVERIFIED_MESSAGE,
};

// GET /oauth2/consent/{uid} – an MCP client (claude.ai, ChatGPT, …) asks to use this Akhrot account; the signed-in human allows or denies.
export default async function ConsentPage({ params, searchParams }: { params: Promise<{ uid: string }>; searchParams: Promise<{ error?: string }> }) {
  const { uid } = await params;
  const { error } = await searchParams;
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/oauth2/consent/${uid}`)}`);
  const view = await loadConsent(await requestOrigin(), uid);
  if (view.state === "not_found") {
    return (
      <ConnectCard
        title="This request has expired"
        tone="error"
        body="This authorization request does not exist, was already answered, or is older than 10 minutes. Go back to the application and connect Akhrot again."
        links={[{ href: "/dashboard", label: "Go to your dashboard" }]}
      />
    );
  }
  const { client } = view;
  const message = error ? ERRORS[error] : undefined;
  return (
    <ConnectCard
      title={`Allow ${client.name} to use your Akhrot account?`}
      tone="neutral"
      body={`${client.name} will be able to list your connections, read provider docs, start connect links and call provider APIs through Akhrot for ${user.email}. It never sees your refresh tokens or client secrets. You can revoke it any time on the API keys page.`}
      facts={[
        { label: "Application", value: client.verified ? client.name : `${client.name} (unverified name)` },
        { label: "Sends you back to", value: client.host },
        ...(client.verified ? [{ label: "Published by", value: new URL(client.clientId).host }] : []),
        { label: "Access to", value: view.resource },
      ]}
      note="Only allow applications you started connecting yourself, just now. If you did not, press Deny."
    >
      <form method="post" action="/oauth2/consent" className="mt-6 space-y-5">
        <input type="hidden" name="uid" value={uid} />
        <input type="hidden" name="csrf" value={consentCsrfToken(uid, user.id)} />
        <fieldset>
          <legend className={label}>Providers it may use</legend>
          <div className="mt-2 flex flex-col gap-2">
            <label className="flex items-center gap-2 text-sm text-zinc-800">
              <input type="radio" name="access" value="all" defaultChecked className="h-4 w-4 accent-zinc-900" />
              All providers
            </label>
            <label className="flex items-center gap-2 text-sm text-zinc-800">
              <input type="radio" name="access" value="some" className="h-4 w-4 accent-zinc-900" />
              Only the providers ticked below
            </label>
          </div>
          <ul className="mt-3 grid max-h-56 grid-cols-1 gap-x-4 gap-y-1 overflow-y-auto rounded-lg border border-zinc-200 bg-zinc-50 p-3 sm:grid-cols-2" aria-label="Providers this application may use">
            {providers.map((p) => (
              <li key={p.code}>
                <label className="flex items-center gap-2 rounded-md px-1.5 py-1 text-sm text-zinc-800 hover:bg-white">
                  <input type="checkbox" name="providers" value={p.code} className="h-4 w-4 accent-zinc-900" />
                  <span>{p.name}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        {message && (
          <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {message}
          </p>
        )}
        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <button type="submit" name="decision" value="deny" className={buttonSecondary}>
            Deny
          </button>
          <button type="submit" name="decision" value="allow" className={buttonPrimary}>
            Allow
          </button>
        </div>
      </form>
    </ConnectCard>
  );
}
