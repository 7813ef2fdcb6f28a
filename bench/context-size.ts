/**
 * npm run bench -- context-size
 * Bytes of GET /ai/context/summary with 0, 3 and 10 connections (long account labels), and of
 * GET /ai/skill, through the real route handlers on an in-memory PGlite.
 */
async function main() {
  process.env.AUTH_SECRET ??= "bench-auth-secret-0123456789abcdef0123456789";
  process.env.AKHROT_ENCRYPTION_KEY ??= Buffer.alloc(32, 9).toString("base64");
  process.env.APP_URL ??= "https://akhrot.example.com";
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = "memory://";
  const { testDb, makeUser, makeKey, makeOAuthConnection, request } = await import("@/lib/testing/fixtures");
  const { GET: summary } = await import("@/app/ai/context/summary/route");
  const { GET: skill } = await import("@/app/ai/skill/route");
  const { closeDb } = await import("@/db");
  const db = await testDb();
  const sets: Record<number, string[]> = {
    0: [],
    3: ["google", "microsoft", "github"],
    10: ["google", "microsoft", "github", "slack", "notion", "jira", "gitlab", "zoom", "dropbox", "x-twitter"],
  };
  for (const [n, codes] of Object.entries(sets)) {
    const user = await makeUser(db);
    for (const [i, code] of codes.entries()) await makeOAuthConnection(db, user.id, code, { label: `alice.longname${i}@example.com` });
    const { key } = await makeKey(db, user.id);
    const md = await (await summary(request("/ai/context/summary", { key }))).text();
    const json = await (await summary(request("/ai/context/summary", { key, headers: { accept: "application/json" } }))).text();
    console.log(`summary with ${n.padStart(2)} connections: ${Buffer.byteLength(md)} bytes markdown, ${Buffer.byteLength(json)} bytes JSON (budget: ${n === "10" ? "1024" : "600"} markdown)`);
  }
  const doc = await (await skill(request("/ai/skill"))).text();
  console.log(`skill document: ${Buffer.byteLength(doc)} bytes`);
  await closeDb();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
