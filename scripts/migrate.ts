// npm run db:migrate — also run by `npm run dev`, `npm start` and Vercel's build command.
// On Vercel only production builds migrate (db/migration-decision.ts).
import { closeDb, migrate } from "@/db/migrate";
import { migrationDecision } from "@/db/migration-decision";
import { env } from "@/lib/env";
import { log, logError } from "@/lib/log";

const decision = migrationDecision(env());
if (!decision.run) {
  log().warn({ where: "migrate" }, decision.reason);
} else {
  migrate()
    .then(async () => {
      await closeDb();
      log().info({ where: "migrate" }, "database migrations are up to date");
    })
    .catch(async (err: unknown) => {
      logError("migrate", err);
      await closeDb().catch(() => {});
      process.exit(1);
    });
}
