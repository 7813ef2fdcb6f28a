/**
 * Whether this build or start may apply migrations. On Vercel every preview build runs the
 * same build command as production; if Preview shares production's DATABASE_URL (a variable
 * set for "all environments"), a preview of an unmerged branch would migrate production.
 * So on Vercel only production builds migrate; a preview migrates only when the operator
 * says its database is its own (AKHROT_PREVIEW_MIGRATIONS=true, e.g. a Neon branch per preview).
 */
import type { Env } from "@/lib/env";

export type MigrationDecision = { run: boolean; reason: string };

export function migrationDecision(e: Pick<Env, "VERCEL" | "VERCEL_ENV" | "AKHROT_PREVIEW_MIGRATIONS">): MigrationDecision {
  if (!e.VERCEL) return { run: true, reason: "not on Vercel" };
  if (e.VERCEL_ENV === "production") return { run: true, reason: "Vercel production build" };
  if (e.AKHROT_PREVIEW_MIGRATIONS) return { run: true, reason: `Vercel ${e.VERCEL_ENV ?? "unknown"} build with AKHROT_PREVIEW_MIGRATIONS=true (its own database)` };
  return {
    run: false,
    reason: `Vercel ${e.VERCEL_ENV ?? "unknown"} build: migrations skipped so a preview can never migrate the production database. Give Preview its own DATABASE_URL and set AKHROT_PREVIEW_MIGRATIONS=true to migrate it.`,
  };
}
