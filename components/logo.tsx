import Link from "next/link";

/** The walnut mark ("akhrot" is walnut in Hindi/Urdu) and the wordmark. */
export function LogoMark({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <rect width="32" height="32" rx="8" className="fill-zinc-900" />
      <path
        d="M16 6c-5 0-8.5 4.2-8.5 10S11 26 16 26s8.5-4.2 8.5-10S21 6 16 6Z"
        className="fill-walnut-500"
      />
      <path d="M16 7.5v17M12 11c1.5 1.2 1.5 2.8 0 4s-1.5 2.8 0 4M20 11c-1.5 1.2-1.5 2.8 0 4s1.5 2.8 0 4" className="stroke-zinc-900" strokeWidth="1.4" fill="none" strokeLinecap="round" />
    </svg>
  );
}

export function Logo({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="inline-flex items-center gap-2 rounded-md text-base font-semibold tracking-tight text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900">
      <LogoMark />
      <span>Akhrot</span>
    </Link>
  );
}
