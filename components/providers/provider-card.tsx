import Link from "next/link";
import { buttonSecondary, card as cardStyle } from "@/components/ui/styles";
import type { ProviderCardData } from "@/lib/providers-view/provider-cards";
import { AuthTypeBadge } from "./auth-type-badge";
import { BrandTile } from "./brand-tile";
import { ConnectForm, NotConfiguredNote } from "./connect-form";
import { StatusLine } from "./status-line";

/** One provider in the grid (server-rendered; the grid's client component only filters). */
export function ProviderCard({ card }: { card: ProviderCardData }) {
  const nameId = `provider-name-${card.code}`;
  return (
    <article aria-labelledby={nameId} className={`${cardStyle} flex h-full flex-col p-4`}>
      <div className="flex items-start gap-3">
        <BrandTile icon={card.icon} monogram={card.monogram} />
        <div className="min-w-0 flex-1">
          <h3 id={nameId} className="truncate font-semibold text-zinc-900">
            {card.name}
          </h3>
          <p className="truncate font-mono text-xs text-zinc-500">{card.code}</p>
        </div>
        <AuthTypeBadge authType={card.authType} />
      </div>
      <p className="mt-3 line-clamp-2 text-sm text-zinc-600">{card.description}</p>
      <ul aria-label={`${card.name} services`} className="mt-3 flex flex-wrap gap-1.5">
        {card.serviceNames.map((name) => (
          <li key={name} className="rounded-md bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700">
            {name}
          </li>
        ))}
      </ul>
      <div className="mt-auto space-y-3 pt-4">
        <StatusLine status={card.status} />
        <NotConfiguredNote card={card} />
        <div className="grid grid-cols-2 gap-2">
          <ConnectForm card={card} />
          <Link href={`/dashboard/providers/${card.code}`} className={buttonSecondary}>
            Docs<span className="sr-only"> for {card.name}</span>
          </Link>
        </div>
      </div>
    </article>
  );
}
