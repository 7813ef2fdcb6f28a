/**
 * Serves @upstash/ratelimit from a plain Redis through ioredis. Ratelimit 2.2 only calls
 * `evalsha(hash, keys, args)`, falls back to `eval(script, keys, args)` on NOSCRIPT, and
 * get/set for dynamic limits. Debian's Redis 7.0 rejects the scripts' first line
 * `#!lua flags=allow-key-locking` (a Redis 7.4 / Upstash shebang), so it is stripped, and
 * the library's hash of the original script is mapped to Redis's hash of the stripped one.
 */
import { createHash } from "node:crypto";
import type { Redis as IORedis } from "ioredis";

const SHEBANG = /^#!lua[^\n]*\n/;

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

export type RatelimitRedis = {
  evalsha: <A extends unknown[], R>(sha: string, keys: string[], args: A) => Promise<R>;
  eval: <A extends unknown[], R>(script: string, keys: string[], args: A) => Promise<R>;
  get: <T>(key: string) => Promise<T | null>;
  set: (key: string, value: unknown) => Promise<unknown>;
};

export function ioredisAdapter(client: IORedis): RatelimitRedis {
  const hashes = new Map<string, string>(); // library's sha1(original) → Redis's sha1(stripped)
  const str = (args: unknown[]) => args.map((a) => (typeof a === "string" ? a : JSON.stringify(a)));
  return {
    async evalsha<A extends unknown[], R>(sha: string, keys: string[], args: A): Promise<R> {
      const mapped = hashes.get(sha);
      if (!mapped) throw new Error("NOSCRIPT No matching script (adapter has not loaded it yet)");
      return (await client.evalsha(mapped, keys.length, ...keys, ...str(args))) as R;
    },
    async eval<A extends unknown[], R>(script: string, keys: string[], args: A): Promise<R> {
      const stripped = script.replace(SHEBANG, "");
      hashes.set(sha1(script), sha1(stripped));
      return (await client.eval(stripped, keys.length, ...keys, ...str(args))) as R;
    },
    async get<T>(key: string): Promise<T | null> {
      const v = await client.get(key);
      return v === null ? null : (JSON.parse(v) as T);
    },
    set: (key, value) => client.set(key, JSON.stringify(value)),
  };
}
