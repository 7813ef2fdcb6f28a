import type { ApiClientError } from "@/lib/trpc/client";

/** The failure of the last action, in words (the domain's message or the first zod issue). */
export function ErrorLine({ error }: { error: ApiClientError | string | null }) {
  if (!error) return null;
  const text = typeof error === "string" ? error : (error.data?.issues?.[0] ?? error.message);
  return (
    <p role="alert" className="mt-2 text-sm text-rose-700">
      {text}
    </p>
  );
}
