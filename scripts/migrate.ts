// npm run db:migrate — also run by `npm run dev` and `npm start` before the server starts.
import { closeDb, migrate } from "@/db/migrate";

migrate()
  .then(async () => {
    await closeDb();
    console.info("akhrot: database migrations are up to date");
  })
  .catch(async (err: unknown) => {
    console.error(`akhrot: migration failed: ${err instanceof Error ? err.message : String(err)}`);
    await closeDb().catch(() => {});
    process.exit(1);
  });
