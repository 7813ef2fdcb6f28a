/**
 * Social sign-in for the dashboard: GitHub and Google appear only when their
 * AUTH_<PROVIDER>_ID and _SECRET are both set. (These are the dashboard's own sign-in apps,
 * separate from the OAUTH_<CODE>_* apps used to connect accounts for agents.)
 */
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { env } from "@/lib/env";

export type SocialProviderId = "github" | "google";
export type SocialProvider = { id: SocialProviderId; name: string };

export function socialProviders(): SocialProvider[] {
  const e = env();
  const out: SocialProvider[] = [];
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) out.push({ id: "github", name: "GitHub" });
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) out.push({ id: "google", name: "Google" });
  return out;
}

export function socialAuthProviders(): Provider[] {
  const e = env();
  const out: Provider[] = [];
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) out.push(GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }));
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) out.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  return out;
}

export function isSocialProviderId(id: string): id is SocialProviderId {
  return socialProviders().some((p) => p.id === id);
}
