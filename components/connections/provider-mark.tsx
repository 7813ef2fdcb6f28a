const PALETTE = [
  "bg-sky-100 text-sky-800",
  "bg-violet-100 text-violet-800",
  "bg-emerald-100 text-emerald-800",
  "bg-amber-100 text-amber-900",
  "bg-rose-100 text-rose-800",
  "bg-teal-100 text-teal-800",
  "bg-indigo-100 text-indigo-800",
  "bg-walnut-100 text-walnut-700",
] as const;

function hue(code: string): string {
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length] ?? PALETTE[0];
}

/** A provider's monogram (decorative: the name is always written next to it). */
export function ProviderMark({ code, name, size = "md" }: { code: string; name: string; size?: "sm" | "md" }) {
  const box = size === "sm" ? "h-6 w-6 rounded-md text-[11px]" : "h-10 w-10 rounded-lg text-sm";
  return (
    <span aria-hidden="true" className={`flex flex-none items-center justify-center font-semibold ${box} ${hue(code)}`}>
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
