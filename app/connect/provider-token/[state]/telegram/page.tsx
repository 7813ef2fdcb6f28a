import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { requestIpLimit, TOO_MANY_ATTEMPTS } from "@/lib/api/ip-limit";
import { grantCsrfCookie, loadGrantPage } from "@/lib/provider-tokens/grant-page";
import { loadGrantTelegram } from "@/lib/provider-tokens/grant-telegram";
import { tokenRequestPath } from "@/lib/provider-tokens/token-request";
import { ConnectCard } from "../../../[sessionId]/connect-card";
import { TelegramLogin } from "../../../[sessionId]/telegram-login";
import { grantTelegramLoginStep } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Connect Telegram · Akhrot", referrer: "no-referrer" };

type Props = { params: Promise<{ state: string }>; searchParams: Promise<{ session?: string | string[] }> };

// GET /connect/provider-token/{state}/telegram?session=… – the grant's Telegram login, in the browser that pressed its button (no Akhrot login).
export default async function GrantTelegramPage({ params, searchParams }: Props) {
  if (!(await requestIpLimit()).ok) return <ConnectCard title="Too many requests" tone="error" body={TOO_MANY_ATTEMPTS} />;
  const { state } = await params;
  const session = (await searchParams).session;
  const db = await getDb();
  const page = await loadGrantPage(db, state);
  if (page.kind === "gone") redirect(page.redirectTo);
  if (page.kind !== "open" || page.provider.authType !== "mtproto" || typeof session !== "string") {
    return <ConnectCard title="Link not found" tone="error" body="This link does not exist, has expired or was already used. Go back to the app that sent you and try again." />;
  }
  const initial = await loadGrantTelegram(db, state, session, (await headers()).get("cookie"));
  if (initial.step === "done" && initial.redirectTo) redirect(initial.redirectTo);
  // The token the link's page set (HttpOnly, this link's path only): sent back with every step.
  const csrf = (await cookies()).get(grantCsrfCookie(state))?.value ?? "";
  const service = page.service.name;
  return (
    <ConnectCard
      title="Connect Telegram"
      tone="neutral"
      body={`${service} asks for your Telegram account. Sign in with your phone number; the session is stored encrypted and shared only with ${service}. Afterwards you return to ${service}.`}
      facts={[
        { label: "Requested by", value: service },
        { label: "Provider", value: page.provider.name },
      ]}
      note={`This link works once and expires at ${page.request.expiresAt.toUTCString()}.`}
    >
      <TelegramLogin
        action={grantTelegramLoginStep.bind(null, state, session)}
        csrf={csrf}
        initial={initial}
        importForm={
          <p className="mt-2 text-sm">
            <a href={tokenRequestPath(state)} className="font-medium text-zinc-700 underline underline-offset-2 hover:text-zinc-900">
              Back to the previous page to paste it
            </a>
          </p>
        }
      />
    </ConnectCard>
  );
}
