/**
 * The Activity page as a CSV download, with the page's filters (provider, key). The same
 * non-secret fields the page shows, oldest concerns first: time, what happened, outcome,
 * provider, key, account, error; last, how many identical events the row stands for. Read in
 * keyset pages; capped so one download cannot hold the server's memory hostage (the cap is
 * stated in the last line when reached).
 */
import type { Db } from "@/db";
import { listApiKeysForUser } from "@/db/queries/api-keys";
import { listAuditEvents } from "@/db/queries/audit";
import { pickDetail, toKey } from "@/lib/trpc/routers/activity";
import { csvRow } from "./csv-cell";

export const EXPORT_MAX_ROWS = 10_000;
const PAGE = 500;

export type ActivityFilters = { provider?: string; apiKeyId?: string };

const HEADER = ["time", "action", "outcome", "provider", "key_name", "key", "account", "error", "http_status", "scopes", "missing_scopes", "count"];

export async function exportActivityCsv(db: Db, userId: string, filters: ActivityFilters, maxRows = EXPORT_MAX_ROWS): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const keys = new Map((await listApiKeysForUser(db, userId)).map((k) => [k.id, toKey(k)]));
  const lines = [csvRow(HEADER)];
  let before: number | undefined;
  let rows = 0;
  let truncated = false;
  for (;;) {
    const page = await listAuditEvents(db, userId, { ...filters, before, limit: Math.min(PAGE, maxRows - rows + 1) });
    for (const e of page) {
      if (rows === maxRows) {
        truncated = true;
        break;
      }
      const d = pickDetail(e.detail);
      const key = e.apiKeyId ? keys.get(e.apiKeyId) : undefined;
      lines.push(csvRow([e.createdAt.toISOString(), e.action, e.outcome, e.provider, key?.name ?? d.name, key?.masked, d.account, d.error, d.status, d.scopes?.join(" "), d.missingScopes?.join(" "), e.count]));
      rows++;
    }
    const last = page.at(-1);
    if (truncated || page.length < PAGE || !last) break;
    before = last.id;
  }
  if (truncated) lines.push(csvRow([`# only the newest ${maxRows} events; narrow the filters for older ones`]));
  return { csv: `${lines.join("\r\n")}\r\n`, rows, truncated };
}
