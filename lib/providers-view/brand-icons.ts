/**
 * The simple-icons (CC0) brand marks the catalog's `iconSlug`s name, imported one by one:
 * the package's index is 5 MB, and named imports keep only these ~30 paths in the server
 * bundle. Server-only, so the client receives rendered SVG, never the module. When the
 * catalog gains an `iconSlug`, add its import here (brand-icons.test.ts fails until then).
 */
import "server-only";
import {
  siAirtable,
  siAnthropic,
  siAsana,
  siCalendly,
  siCloudflare,
  siDiscord,
  siDropbox,
  siElevenlabs,
  siFigma,
  siGithub,
  siGitlab,
  siGoogle,
  siJira,
  siLinear,
  siMailgun,
  siMongodb,
  siNotion,
  siPagerduty,
  siRailway,
  siReddit,
  siReplicate,
  siSpotify,
  siStripe,
  siSupabase,
  siTelegram,
  siTwitch,
  siVercel,
  siX,
  siZoom,
} from "simple-icons";

/** Plain data for an `<svg viewBox="0 0 24 24">`: safe to pass to client components. */
export type BrandIcon = { slug: string; title: string; hex: string; path: string };

const icons: ReadonlyMap<string, BrandIcon> = new Map(
  [
    siAirtable,
    siAnthropic,
    siAsana,
    siCalendly,
    siCloudflare,
    siDiscord,
    siDropbox,
    siElevenlabs,
    siFigma,
    siGithub,
    siGitlab,
    siGoogle,
    siJira,
    siLinear,
    siMailgun,
    siMongodb,
    siNotion,
    siPagerduty,
    siRailway,
    siReddit,
    siReplicate,
    siSpotify,
    siStripe,
    siSupabase,
    siTelegram,
    siTwitch,
    siVercel,
    siX,
    siZoom,
  ].map((icon) => [icon.slug, { slug: icon.slug, title: icon.title, hex: icon.hex, path: icon.path }]),
);

export function brandIcon(slug: string | null): BrandIcon | undefined {
  return slug === null ? undefined : icons.get(slug);
}
