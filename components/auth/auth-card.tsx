import Link from "next/link";
import { Logo } from "@/components/logo";
import { ThemeToggle } from "@/components/theme/theme-toggle";

type Props = {
  title: string;
  subtitle: string;
  children: React.ReactNode;
  /** Omitted where another way in would be a detour (signing in to use a connect link). */
  footer?: { text: string; linkLabel: string; href: string };
};

/** The centred card shared by /sign-in and /sign-up. */
export function AuthCard({ title, subtitle, children, footer }: Props) {
  return (
    <main id="main" tabIndex={-1} className="flex min-h-screen flex-col items-center justify-center px-4 py-12 focus:outline-none">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Logo />
        </div>
        <section aria-labelledby="auth-title" className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 id="auth-title" className="text-xl font-semibold tracking-tight">
            {title}
          </h1>
          <p className="mt-1 text-sm text-zinc-600">{subtitle}</p>
          <div className="mt-6">{children}</div>
        </section>
        {footer && (
          <p className="mt-6 text-center text-sm text-zinc-600">
            {footer.text}{" "}
            <Link href={footer.href} className="font-medium text-zinc-900 underline-offset-4 hover:underline">
              {footer.linkLabel}
            </Link>
          </p>
        )}
        <div className="mt-6 flex justify-center">
          <ThemeToggle />
        </div>
      </div>
    </main>
  );
}
