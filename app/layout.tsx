import type { Metadata, Viewport } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { headers } from "next/headers";
import { themeScript } from "@/components/theme/theme-script";
import { NONCE_HEADER } from "@/lib/server/nonce-header";
import "./globals.css";

const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#18181b"/><path d="M16 6c-5 0-8.5 4.2-8.5 10S11 26 16 26s8.5-4.2 8.5-10S21 6 16 6Z" fill="#a86b32"/><path d="M16 7.5v17" stroke="#18181b" stroke-width="1.4"/></svg>';

export const metadata: Metadata = {
  title: { default: "Akhrot · OAuth & API-key vault for AI agents", template: "%s · Akhrot" },
  description: "Connect Google, GitHub, OpenAI and 30+ more once. Your agents fetch fresh credentials with one REST call. Open source, self-hosted.",
  // The walnut mark inline, so there is no favicon file to serve (and no /favicon.ico 404).
  icons: { icon: `data:image/svg+xml,${encodeURIComponent(FAVICON)}` },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The page's CSP nonce from proxy.ts (Next adds it to its own scripts; ours needs it too).
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    // suppressHydrationWarning: the theme script sets the `dark` class before React hydrates.
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen font-sans">
        <a
          href="#main"
          className="sr-only rounded-lg bg-zinc-900 px-4 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:outline-none focus:ring-2 focus:ring-zinc-900 focus:ring-offset-2"
        >
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
