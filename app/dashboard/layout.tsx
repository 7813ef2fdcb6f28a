import type { Metadata } from "next";
import { DashboardNav } from "@/components/dashboard/dashboard-nav";
import { UserMenu } from "@/components/dashboard/user-menu";
import { Logo } from "@/components/logo";
import { VerifyEmailBanner } from "@/components/dashboard/verify-email-banner";
import { getDb } from "@/db";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { requireUser } from "@/lib/auth";
import { mustVerifyEmail } from "@/lib/users/account-may-act";
import { resendVerificationAction, signOutAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: { default: "Dashboard", template: "%s · Akhrot" } };
export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const unverified = await mustVerifyEmail(await getDb(), user.id);
  return (
    <div className="min-h-screen lg:flex">
      <aside className="hidden w-60 flex-none border-r border-zinc-200 bg-white lg:block">
        <div className="sticky top-0 flex h-screen flex-col px-3 py-5">
          <div className="px-2.5">
            <Logo href="/dashboard" />
          </div>
          <div className="mt-8 flex-1">
            <DashboardNav variant="sidebar" />
          </div>
          <div className="space-y-3 border-t border-zinc-200 px-2.5 pt-4">
            <ThemeToggle />
            <UserMenu email={user.email} signOut={signOutAction} signOutEverywhere={signOutEverywhereAction} />
          </div>
        </div>
      </aside>
      <header className="border-b border-zinc-200 bg-white px-4 pt-3 lg:hidden">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <Logo href="/dashboard" />
          <div className="flex min-w-0 flex-wrap items-center justify-end gap-2">
            <ThemeToggle />
            <UserMenu email={user.email} signOut={signOutAction} signOutEverywhere={signOutEverywhereAction} compact />
          </div>
        </div>
        <div className="mt-3 pb-2">
          <DashboardNav variant="tabs" />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-8 focus:outline-none sm:px-8 lg:px-12 lg:py-10">
        <div className="mx-auto max-w-5xl">
          {unverified && <VerifyEmailBanner email={user.email} resend={resendVerificationAction} />}
          {children}
        </div>
      </main>
    </div>
  );
}
