import { describe, expect, it } from "vitest";
import { createPostgresClient, poolIdleSeconds, typesLearned } from "./postgres-client";

const url = process.env.TEST_DATABASE_URL;

describe("poolIdleSeconds", () => {
  it("keeps idle connections 5 minutes on a long-running server, 20 s on Vercel", () => {
    expect(poolIdleSeconds({})).toBe(300);
    expect(poolIdleSeconds({ VERCEL: "1" })).toBe(20);
  });
});

describe.runIf(url)("createPostgresClient", () => {
  it("learns array types on the first connection only; new connections still parse arrays", async () => {
    const typeQueries: string[] = [];
    const appName = `akhrot-types-${Date.now()}`;
    const client = createPostgresClient(url ?? "", {
      max: 2,
      connection: { application_name: appName },
      debug: (_conn, query) => {
        if (/pg_catalog\.pg_type/.test(query)) typeQueries.push(query);
      },
    });
    const admin = createPostgresClient(url ?? "", { max: 1 });
    try {
      await typesLearned(client);
      expect(client.options.fetch_types).toBe(false);
      expect(typeQueries).toHaveLength(1);
      // Every backend of the client dies (as in a Postgres restart); the next statements open new ones.
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${appName}`;
      let rows: { x: string[] }[] = [];
      for (let i = 0; i < 50 && !rows.length; i++) {
        try {
          rows = await client<{ x: string[] }[]>`select '{a,"b c"}'::text[] as x`;
        } catch {
          // the first statement on each killed connection fails: that is the restart, not the fix
        }
      }
      // Both pool slots busy at once: the second connection is new too, and fetches nothing either.
      const pids = new Set<number>();
      for (let i = 0; i < 50 && pids.size < 2; i++) {
        const both = await Promise.allSettled([0, 1].map(() => client<{ pid: number }[]>`select pg_backend_pid() as pid, pg_sleep(0.05)`));
        for (const r of both) if (r.status === "fulfilled" && r.value[0]) pids.add(r.value[0].pid);
      }
      expect(pids.size).toBe(2);
      expect(rows[0]?.x).toEqual(["a", "b c"]);
      expect(typeQueries).toHaveLength(1);
    } finally {
      await client.end({ timeout: 5 });
      await admin.end({ timeout: 5 });
    }
  });

  it("keeps fetching types per connection while no statement has succeeded", async () => {
    const client = createPostgresClient("postgres://postgres@127.0.0.1:1/none", { max: 1, connect_timeout: 1 });
    await expect(client`select 1`).rejects.toThrow();
    expect(client.options.fetch_types).toBe(true);
    await client.end({ timeout: 1 });
  });
});
