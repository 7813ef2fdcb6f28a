import Link from "next/link";
import { card as cardStyle } from "@/components/ui/styles";
import type { ProviderCardData } from "@/lib/providers-view/provider-cards";
import { AuthTypeBadge } from "./auth-type-badge";
import { BrandTile } from "./brand-tile";
import { ConnectForm, NotConfiguredNote } from "./connect-form";
import { StatusLine } from "./status-line";

type Props = {
  card: ProviderCardData;
  docsUrl: string;
  services: { code: string; name: string }[];
  /** The service whose page this is, if any. */
  currentService?: string;
};

/** The docs pages' side panel: the user's status, Connect, the provider's own docs and its services. */
export function ProviderAside({ card, docsUrl, services, currentService }: Props) {
  return (
    <aside aria-label={`${card.name} connection and services`} className="space-y-4 lg:sticky lg:top-10">
      <div className={`${cardStyle} space-y-4 p-4`}>
        <div className="flex items-center gap-3">
          <BrandTile icon={card.icon} monogram={card.monogram} />
          <div className="min-w-0 flex-1">
            <p className="truncate font-semibold text-zinc-900">{card.name}</p>
            <p className="truncate font-mono text-xs text-zinc-500">{card.code}</p>
          </div>
          <AuthTypeBadge authType={card.authType} />
        </div>
        <StatusLine status={card.status} wrap />
        <NotConfiguredNote card={card} />
        <ConnectForm card={card} />
        <a href={docsUrl} rel="noopener noreferrer" target="_blank" className="inline-flex items-center gap-1 text-sm font-medium text-zinc-700 underline decoration-zinc-300 underline-offset-4 hover:text-zinc-900 hover:decoration-zinc-900">
          {card.name} API documentation
          <svg viewBox="0 0 24 24" aria-hidden="true" className="h-3.5 w-3.5 fill-none stroke-current" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M14 5h5v5M19 5l-8 8M10 7H5v12h12v-5" />
          </svg>
          <span className="sr-only">(opens in a new tab)</span>
        </a>
      </div>
      <nav aria-label={`${card.name} services`} className={`${cardStyle} p-2`}>
        <p className="px-2 pb-1 pt-2 text-xs font-medium uppercase tracking-wide text-zinc-500">Services</p>
        <ul className="flex flex-wrap gap-1 lg:block">
          <li>
            <Link
              href={`/dashboard/providers/${card.code}`}
              aria-current={currentService === undefined ? "page" : undefined}
              className="block rounded-md px-2 py-1.5 text-sm text-zinc-700 hover:bg-zinc-50 hover:text-zinc-900 aria-[current=page]:bg-zinc-100 aria-[current=page]:font-medium aria-[current=page]:text-zinc-900"
            >
              Overview
            </Link>
          </li>
          {services.map((s) => (
            <li key={s.code}>
              <Link
                href={`/dashboard/providers/${card.code}/${s.code}`}
                aria-current={currentService === s.code ? "page" : undefined}
                className="block rounded-md px-2 py-1.5 text-sm text-zinc-700 hover:bg-zinc-50 hover:text-zinc-900 aria-[current=page]:bg-zinc-100 aria-[current=page]:font-medium aria-[current=page]:text-zinc-900"
              >
                {s.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
