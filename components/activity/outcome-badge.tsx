export function OutcomeBadge({ outcome }: { outcome: "success" | "failure" }) {
  const ok = outcome === "success";
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${ok ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20" : "bg-rose-50 text-rose-700 ring-rose-600/20"}`}
    >
      {ok ? "Success" : "Failure"}
    </span>
  );
}
