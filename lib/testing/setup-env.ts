/**
 * Test environment: fixed throwaway secrets, an in-memory PGlite unless TEST_DATABASE_URL
 * selects a real Postgres, and the memory rate limiter unless TEST_REDIS_URL is set.
 */
process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef0123456789";
process.env.AKHROT_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
process.env.APP_URL ??= "http://localhost:3000";
if (process.env.TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = "memory://";
}
if (process.env.TEST_REDIS_URL) process.env.REDIS_URL = process.env.TEST_REDIS_URL;
else delete process.env.REDIS_URL;
// Tests send many codes to a few fake numbers and many bad keys from one address (all files share
// Redis with TEST_REDIS_URL); the S12 tests set their own limits.
process.env.TELEGRAM_CODES_PER_HOUR ??= "1000";
process.env.RATE_LIMIT_KEY_FAILURES_PER_MINUTE ??= "100000";
process.env.RATE_LIMIT_PUBLIC_PER_MINUTE ??= "100000";
