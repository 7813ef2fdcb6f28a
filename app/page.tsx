import Link from "next/link";
import { CodeBlock } from "@/components/code-block";
import { Logo } from "@/components/logo";
import { buttonPrimary, buttonSecondary } from "@/components/ui/styles";
import { auth, requestOrigin } from "@/lib/auth";
import { providers } from "@/lib/providers";

export const dynamic = "force-dynamic";

const FEATURES = [
  {
    title: "Connect once",
    body: "Sign in to Google, GitHub, Slack, Notion and more with OAuth, or paste an OpenAI or Stripe key, in a web dashboard. Akhrot keeps them encrypted and refreshed.",
  },
  {
    title: "One REST call for a fresh token",
    body: "Agents send their Akhrot key and get a valid access token back, refreshed when needed, then call the provider's own API directly. Nothing is proxied.",
  },
  {
    title: "Yours to run",
    body: "Open source and self-hosted: one Next.js app with an embedded database for a laptop, or Postgres on Vercel or any Node host for a team.",
  },
] as const;

// / – what Akhrot is, and the way in.
export default async function LandingPage() {
  const [session, origin] = await Promise.all([auth(), requestOrigin()]);
  const signedIn = Boolean(session?.user?.id);
  const snippet = [
    "# What can I use? (≈500 bytes of markdown)",
    `curl -H "Authorization: Bearer $AKHROT_KEY" \\`,
    `  ${origin}/ai/context/summary`,
    "",
    "# A fresh Google token, refreshed if needed",
    `curl -X POST ${origin}/tokens/fetch \\`,
    `  -H "Authorization: Bearer $AKHROT_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"provider":"google"}'`,
  ].join("\n");

  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-zinc-200/70 bg-white/80 backdrop-blur">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Logo />
          <nav aria-label="Account" className="flex items-center gap-2">
            {signedIn ? (
              <Link href="/dashboard" className={buttonPrimary}>
                Dashboard
              </Link>
            ) : (
              <>
                <Link href="/sign-in" className={`${buttonSecondary} border-transparent shadow-none`}>
                  Sign in
                </Link>
                <Link href="/sign-up" className={buttonPrimary}>
                  Sign up
                </Link>
              </>
            )}
          </nav>
        </div>
      </header>

      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        <section className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-16 sm:px-6 lg:grid-cols-2 lg:py-24">
          <div>
            <p className="inline-flex items-center gap-2 rounded-full border border-zinc-200 bg-white px-3 py-1 text-xs font-medium text-zinc-700">
              <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-walnut-500" />
              Open source · self-hosted
            </p>
            <h1 className="mt-5 text-4xl font-semibold tracking-tight text-zinc-900 sm:text-5xl">The OAuth & API-key vault for AI agents</h1>
            <p className="mt-5 max-w-xl text-lg leading-8 text-zinc-600">
              Connect your accounts once. Your agents fetch fresh credentials for {providers.length} providers with a single REST call, and never see a refresh token or a
              password.
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              {signedIn ? (
                <Link href="/dashboard" className={`${buttonPrimary} px-5 py-2.5`}>
                  Go to the dashboard
                </Link>
              ) : (
                <>
                  <Link href="/sign-up" className={`${buttonPrimary} px-5 py-2.5`}>
                    Create an account
                  </Link>
                  <Link href="/sign-in" className={`${buttonSecondary} px-5 py-2.5`}>
                    Sign in
                  </Link>
                </>
              )}
            </div>
          </div>
          <div className="min-w-0">
            <h2 className="mb-3 text-sm font-medium text-zinc-500">How an agent uses it</h2>
            <CodeBlock title="agent.sh" code={snippet} />
          </div>
        </section>

        <section aria-label="Features" className="border-t border-zinc-200 bg-white">
          <div className="mx-auto grid max-w-6xl gap-8 px-4 py-14 sm:px-6 md:grid-cols-3">
            {FEATURES.map((f) => (
              <div key={f.title}>
                <h2 className="text-base font-semibold text-zinc-900">{f.title}</h2>
                <p className="mt-2 text-sm leading-6 text-zinc-600">{f.body}</p>
              </div>
            ))}
          </div>
        </section>
      </main>

      <footer className="border-t border-zinc-200">
        <div className="mx-auto max-w-6xl px-4 py-6 text-xs text-zinc-500 sm:px-6">
          Provider secrets are encrypted with AES-256-GCM; agent keys are stored only as hashes and shown once. Agent docs: <code className="font-mono">/ai/skill</code>.
        </div>
      </footer>
    </div>
  );
}
