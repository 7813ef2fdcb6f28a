/**
 * Operator CLI: `npm run akhrot -- <command>`. Uses whichever database the environment
 * selects (DATABASE_URL, else the embedded PGlite folder; stop the dev server first, since
 * only one process may open a PGlite folder).
 *
 *   user create --email E --password P
 *   key create --email E --name N [--providers a,b] [--expires-in 30d]   (the key alone on the last line)
 *   key list --email E
 *   key revoke --id ID
 *   org create --owner EMAIL --slug S --name N
 *   org suspend|activate --slug S
 *   service create --org S --slug S --name N [--type web] [--redirect-uri URL]… [--provider CODE[=scope,scope]]…
 *   service-key create --org S --service S --name N --permissions p,p [--expires-in-days N]   (the key alone on the last line)
 *   plan create --org S --service S --name N [--price-cents N] [--currency usd]               (the plan id alone on the last line)
 */
import { runCli } from "@/lib/cli/run-cli";

runCli(process.argv.slice(2), undefined, { close: true }).then((code) => {
  process.exitCode = code;
});
