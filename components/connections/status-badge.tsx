import type { ConnectionStatus } from "@/db/schema";

const STYLE: Record<ConnectionStatus, string> = {
  active: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  needs_reauth: "bg-amber-50 text-amber-800 ring-amber-600/30",
};
const LABEL: Record<ConnectionStatus, string> = { active: "Active", needs_reauth: "Needs re-authorization" };

export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLE[status]}`}>
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${status === "active" ? "bg-emerald-500" : "bg-amber-500"}`} />
      {LABEL[status]}
    </span>
  );
}
