import { useState } from "react";
import { trpc } from "@/lib/trpc/client";
import { useClientQuery } from "@/lib/trpc/client-query";
import type { ActivityItem } from "@/lib/trpc/routers/activity";
import type { Filters } from "./activity-filters";

const PAGE_SIZE = 25;

type Page = { items: ActivityItem[]; nextCursor: number | null };
/** Pages fetched with "Load more", valid only after the first page they continue. */
type More = { after: Page | undefined; pages: Page[]; loading: boolean; failed: boolean };
const NONE: More = { after: undefined, pages: [], loading: false, failed: false };

/**
 * The activity events for some filters, newest first: the first page is fetched whenever the
 * filters change, the next ones on demand (keyset cursor: the id of the last event shown).
 */
export function useActivityPages(filters: Filters) {
  const input = { provider: filters.provider || undefined, apiKeyId: filters.apiKeyId || undefined, outcome: filters.outcome || undefined, limit: PAGE_SIZE };
  const first = useClientQuery(JSON.stringify(input), (api) => api.activity.list.query(input));
  const [more, setMore] = useState<More>(NONE);
  // New filters (or the same ones again) bring a new first page, and so drop the old pages.
  const extra = first.data && more.after === first.data ? more : NONE;
  const pages = first.data ? [first.data, ...extra.pages] : [];
  const cursor = pages.at(-1)?.nextCursor ?? null;

  async function loadMore() {
    const after = first.data;
    if (!after || cursor === null) return;
    setMore({ ...extra, after, loading: true, failed: false });
    try {
      const api = await trpc();
      const page = await api.activity.list.query({ ...input, cursor });
      setMore((m) => (m.after === after ? { ...m, pages: [...m.pages, page], loading: false } : m));
    } catch {
      setMore((m) => (m.after === after ? { ...m, loading: false, failed: true } : m));
    }
  }

  return {
    items: pages.flatMap((p) => p.items),
    loading: first.loading,
    /** The first page failed (a failed "Load more" is `moreFailed`). */
    error: first.error,
    fetching: first.fetching || extra.loading,
    retry: () => void first.reload(),
    hasMore: cursor !== null,
    loadMore: () => void loadMore(),
    loadingMore: extra.loading,
    moreFailed: extra.failed,
  };
}
