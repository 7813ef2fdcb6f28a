/**
 * The dashboard API over its real HTTP handler (lib/trpc/handle-request.ts, what
 * app/api/trpc serves): CODE-REVIEW.md #1 (internal errors never reach the browser) and S8
 * (bodies capped before tRPC or Auth.js parse them; batches bounded).
 */
import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { captureLogs } from "@/lib/testing/capture-logs";
import { makeUser, testDb } from "@/lib/testing/fixtures";
import { handleTrpcRequest, MAX_BATCH } from "@/lib/trpc/handle-request";
import { INTERNAL_MESSAGE } from "@/lib/trpc/init";

let db: Db;
let userId: string;
beforeAll(async () => {
  db = await testDb();
  userId = (await makeUser(db)).id;
});
afterEach(() => vi.restoreAllMocks());

const BASE = "http://localhost:3000";
const context = () => Promise.resolve({ session: { user: { id: userId, sessionVersion: 0 }, expires: new Date(Date.now() + 3_600_000).toISOString() }, db, headers: new Headers() });

function trpc(path: string, init: RequestInit = {}) {
  return handleTrpcRequest(new Request(`${BASE}/api/trpc/${path}`, init), context);
}

/** A body that arrives in pieces with no Content-Length (chunked on the wire). */
function streamed(bytes: number): RequestInit {
  const piece = new Uint8Array(8 * 1024).fill(0x61);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= bytes) return c.close();
      sent += piece.length;
      c.enqueue(piece);
    },
  });
  return { method: "POST", body, duplex: "half", headers: { "content-type": "application/json" } } as RequestInit;
}

describe("CODE-REVIEW #1: dashboard errors", () => {
  it("CODE-REVIEW #1: a database error through a tRPC procedure never returns SQL or params", async () => {
    const logs = captureLogs();
    // A NUL byte passes the input schema, and Postgres refuses it in a text column.
    const res = await trpc("apiKeys.create?batch=1", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ 0: { json: { name: "key\u0000name" } } }) });
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).toContain(INTERNAL_MESSAGE);
    expect(text).not.toMatch(/Failed query|insert|api_keys|params|key_hash|\\u0000|stack/i);
    logs.restore();
    const lines = logs.entries().filter((e) => e.where === "trpc").map((e) => String(e.msg));
    expect(lines).toEqual([expect.stringMatching(/^\[trpc\] apiKeys\.create: .*Failed query: insert into "api_keys"/)]);
    expect(lines.join("\n")).not.toMatch(/params:|key\u0000name/);
  });

  it("expected errors keep their message (UNAUTHORIZED, validation)", async () => {
    const res = await handleTrpcRequest(new Request(`${BASE}/api/trpc/apiKeys.list?batch=1&input=${encodeURIComponent("{}")}`), () => Promise.resolve({ session: null, db, headers: new Headers() }));
    expect([res.status, await res.text()]).toEqual([401, expect.stringContaining("Sign in to continue.")]);
  });
});

describe("S8: bodies and batches on the dashboard and sign-in routes", () => {
  it(`S8: tRPC refuses more than ${MAX_BATCH} calls in one batch`, async () => {
    const calls = (n: number) => Array.from({ length: n }, () => "apiKeys.list").join(",");
    const input = (n: number) => encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: null }]))));
    expect((await trpc(`${calls(MAX_BATCH)}?batch=1&input=${input(MAX_BATCH)}`)).status).toBe(200);
    expect((await trpc(`${calls(5000)}?batch=1&input=${input(5000)}`)).status).toBe(400);
  });

  it("S8: /api/trpc refuses a body over 64 KB, declared or streamed, before tRPC parses it", async () => {
    const big = "a".repeat(200_000);
    const declared = await trpc("apiKeys.create?batch=1", { method: "POST", headers: { "content-type": "application/json", "content-length": String(big.length) }, body: big });
    expect([declared.status, await declared.json()]).toEqual([413, { error: { code: "PAYLOAD_TOO_LARGE", message: "Request body is larger than 64 KB." } }]);
    expect((await trpc("apiKeys.create?batch=1", streamed(10 * 1024 * 1024))).status).toBe(413);
  });

  it("S8: /api/auth refuses a body over 64 KB, declared or streamed, before Auth.js parses it", async () => {
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const big = `csrfToken=x&email=a%40b.test&password=${"a".repeat(200_000)}`;
    const declared = await authPost(new NextRequest(`${BASE}/api/auth/callback/credentials`, { method: "POST", headers: form, body: big }));
    expect(declared.status).toBe(413);
    const chunked = await authPost(new NextRequest(`${BASE}/api/auth/callback/credentials`, { ...streamed(10 * 1024 * 1024), headers: form } as ConstructorParameters<typeof NextRequest>[1]));
    expect(chunked.status).toBe(413);
  });
});
