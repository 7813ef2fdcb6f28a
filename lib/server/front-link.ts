/**
 * What Next's thread asks of the front thread under `npm start` on Postgres (scripts/serve.ts,
 * ./front-thread.ts): the front owns the in-memory windows of the agent API limiter, since both
 * threads count against them (the hot routes there, /ai/* and the rest here), and holds the
 * counters of the requests it answers, which /metrics adds to this thread's. Without a front
 * (PGlite, `next start`, Vercel, tests) the slot is empty and everything stays in-thread.
 * Plain globals, so every bundle Next builds sees the one link serve.ts installs.
 */
import type { MetricObjectWithValues, MetricValue } from "prom-client";
import type { LimitResult } from "@/lib/ratelimit";

export type ForgetCache = "key" | "service-key" | "org-service-keys";

export type FrontLink = {
  /** One request against the front's memory window `name` for `id`. */
  limit(name: string, id: string): Promise<LimitResult>;
  /** The front's akhrot_* metrics, as prom-client's JSON. */
  metrics(): Promise<MetricObjectWithValues<MetricValue<string>>[]>;
  /** Drop from the front's key caches what this thread just revoked; resolves once dropped. */
  forget(cache: ForgetCache, id: string): Promise<void>;
};

const holder = globalThis as typeof globalThis & { __akhrotFrontLink?: FrontLink };

export function setFrontLink(link: FrontLink | undefined): void {
  holder.__akhrotFrontLink = link;
}

export function frontLink(): FrontLink | undefined {
  return holder.__akhrotFrontLink;
}
