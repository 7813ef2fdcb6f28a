/**
 * A postgres.js client that fetches the server's array types once per process, not once per
 * connection.
 *
 * Why: postgres.js runs a type query (`pg_type`, to learn the array OIDs) on every new connection,
 * from inside a socket event handler, without catching its failure. When Postgres restarts or
 * terminates backends while a fresh connection is in that query, the rejection is unhandled, and
 * Node's default for an unhandled rejection ends the process (CI saw it as a stray error during
 * the fault test). The parsers it learns live on the client's shared options, so once the first
 * connection has learned them, later connections can skip the query: after the first successful
 * statement this turns `fetch_types` off. Until then (the database is down at boot) it retries
 * every second in the background, and connections fetch types as before.
 */
import postgres from "postgres";

const learned = new WeakMap<postgres.Sql, Promise<void>>();

export function createPostgresClient(url: string, options: postgres.Options<Record<string, postgres.PostgresType>> = {}): postgres.Sql {
  const client = postgres(url, { onnotice: () => {}, ...options });
  learned.set(client, learnTypes(client));
  return client;
}

/**
 * How long a pooled Postgres connection may sit unused before it is closed, in seconds.
 * Serverless (Vercel): 20 s, so instances that go quiet give their connections back soon.
 * A long-running server (`npm start`, `next start` on a host): 5 minutes. A fresh connection
 * costs a new backend process, its catalog caches and every statement prepared again, and the
 * first requests after each lull paid for ten of them at once. bench/floor.ts idles each server
 * 32 s between its runs: /tokens/fetch under `npm start` reached 0.66 × the floor with 20 s and
 * 0.73 × without closing idle connections (five interleaved rounds, ahead in every one).
 */
export function poolIdleSeconds(e: { VERCEL?: string }): number {
  return e.VERCEL ? 20 : 300;
}

/** Resolves once the client's connections no longer fetch types (never, if the client is ended first). */
export function typesLearned(client: postgres.Sql): Promise<void> {
  return learned.get(client) ?? Promise.resolve();
}

function learnTypes(client: postgres.Sql): Promise<void> {
  return new Promise((resolve) => {
    const attempt = () =>
      client`select 1`.then(
        () => {
          client.options.fetch_types = false;
          resolve();
        },
        (err: { code?: string }) => {
          if (err?.code !== "CONNECTION_ENDED") setTimeout(attempt, 1000).unref();
        },
      );
    attempt();
  });
}
