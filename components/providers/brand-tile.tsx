import type { BrandIcon } from "@/lib/providers-view/brand-icons";

const box = { md: "h-10 w-10 rounded-lg", lg: "h-12 w-12 rounded-xl" } as const;
const glyph = { md: "h-5 w-5", lg: "h-6 w-6" } as const;

/**
 * A provider's simple-icons mark in its brand colour, or a monogram when simple-icons does not
 * carry the brand. Decorative: the provider's name is always written next to it.
 */
export function BrandTile({ icon, monogram, size = "md" }: { icon: BrandIcon | null; monogram: string; size?: keyof typeof box }) {
  // A literal white tile (not bg-white): dark mode remaps the palette (globals.css), and black brand marks must stay visible.
  if (icon === null) {
    return (
      <span aria-hidden="true" data-icon="monogram" className={`flex flex-none items-center justify-center bg-zinc-900 text-sm font-semibold text-white ${box[size]}`}>
        {monogram}
      </span>
    );
  }
  return (
    <span aria-hidden="true" data-icon={icon.slug} className={`flex flex-none items-center justify-center border border-zinc-200 bg-[#fff] ${box[size]}`}>
      <svg viewBox="0 0 24 24" className={glyph[size]} fill={`#${icon.hex}`} focusable="false">
        <path d={icon.path} />
      </svg>
    </span>
  );
}
