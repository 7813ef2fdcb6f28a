"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export const NAV_ITEMS = [
  { href: "/dashboard", label: "Overview", icon: "M3 12l9-8 9 8M5 10v10h5v-6h4v6h5V10" },
  { href: "/dashboard/providers", label: "Providers", icon: "M4 6h16M4 12h16M4 18h10" },
  { href: "/dashboard/connections", label: "Connections", icon: "M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1" },
  { href: "/dashboard/keys", label: "API keys", icon: "M15 7a3 3 0 1 1-3 3M12 10l-8 8v2h3l1-1v-2h2v-2h2l2-2" },
  { href: "/dashboard/activity", label: "Activity", icon: "M3 12h4l3-8 4 16 3-8h4" },
  { href: "/dashboard/webhooks", label: "Webhooks", icon: "M18 16.98h-5.99c-1.1 0-1.95.94-2.48 1.9A4 4 0 0 1 2 17c.01-.7.2-1.4.57-2M6 17l3.13-5.78c.53-.97.1-2.18-.5-3.1a4 4 0 1 1 6.89-4.06M12 6l3.13 5.73C15.66 12.7 16.9 13 18 13a4 4 0 0 1 0 8" },
  { href: "/dashboard/api-reference", label: "API reference", icon: "M8 8l-4 4 4 4M16 8l4 4-4 4M13.5 5l-3 14" },
  { href: "/dashboard/orgs", label: "Organizations", icon: "M3 21h18M5 21V7l7-4 7 4v14M9 9h1M14 9h1M9 13h1M14 13h1M10 21v-4h4v4" },
] as const;

function isActive(pathname: string, href: string): boolean {
  return href === "/dashboard" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}

/** Sidebar links on wide screens, a scrollable tab row on phones. */
export function DashboardNav({ variant }: { variant: "sidebar" | "tabs" }) {
  const pathname = usePathname();
  const sidebar = variant === "sidebar";
  return (
    <nav aria-label="Dashboard" className={sidebar ? "" : "-mx-4 overflow-x-auto px-4"}>
      <ul className={sidebar ? "space-y-0.5" : "flex gap-1 whitespace-nowrap"}>
        {NAV_ITEMS.map((item) => {
          const active = isActive(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={[
                  "flex items-center gap-2.5 rounded-md text-sm font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900",
                  sidebar ? "px-2.5 py-2" : "px-3 py-1.5",
                  active ? "bg-zinc-100 text-zinc-900" : "text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900",
                ].join(" ")}
              >
                {sidebar && (
                  <svg viewBox="0 0 24 24" aria-hidden="true" className="h-4 w-4 flex-none fill-none stroke-current" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
                    <path d={item.icon} />
                  </svg>
                )}
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
