import { ConnectCard } from "../[sessionId]/connect-card";

export const metadata = { title: "Connect failed · Akhrot", referrer: "no-referrer" as const };

const REASONS: Record<string, string> = {
  unknown_state:
    "This sign-in answer matches no open connect link. It was already used, it expired, or it was finished in a different browser from the one that started it. Ask your agent for a new link and open it in this browser.",
  missing_state: "The provider's answer is missing its state parameter, so it cannot be trusted. Ask your agent for a new link.",
  duplicate_parameters: "The provider's answer repeats parameters, so it cannot be trusted. Ask your agent for a new link.",
  server_error: "Akhrot hit an error while finishing the connection. Nothing was connected; try again with a new link.",
};

// GET /connect/error – a callback that matched no session.
export default async function ConnectError({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  return <ConnectCard title="Could not finish connecting" tone="error" body={REASONS[reason ?? ""] ?? REASONS.unknown_state ?? ""} links={[{ href: "/dashboard/connections", label: "Back to your connections" }, { href: "/dashboard/providers", label: "Connect a provider again" }]} />;
}
