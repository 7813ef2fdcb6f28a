/**
 * POST /api/service/provider-tokens on `npm start`'s Node fast path (lib/server/service-fast-path.ts)
 * over real HTTP, against the route handler Next serves: the same status and body for the same
 * request (ok, action_required, every refusal, malformed input), the security headers, and
 * everything else left to Next.
 */
import { request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { flushWrites } from "@/db/write-batcher";
import { connections, endUsers, orgAuditEvents, serviceEndUsers, serviceGrants } from "@/db/schema";
import { POST as routeHandler } from "@/app/api/service/provider-tokens/route";
import { seal } from "@/lib/connections/connection-secrets";
import { randomId } from "@/lib/crypto";
import { createAkhrotServer } from "@/lib/server/create-server";
import { withServiceFastPath } from "@/lib/server/service-fast-path";
import { testDb } from "@/lib/testing/fixtures";
import { makeOrg, makeService, makeServiceKey, serviceRequest } from "@/lib/testing/org-fixtures";

type Answer = { status: number; headers: IncomingHttpHeaders; text: string };
const PATH = "/api/service/provider-tokens";
const SCOPES = ["openid", "email", "https://www.googleapis.com/auth/drive.readonly"];

let db: Db;
let server: Server;
let base: URL;
const fellThrough: string[] = [];

beforeAll(async () => {
  db = await testDb();
  const agentFastPath = () => false; // the agent family's path declines: this one must answer
  const fast = withServiceFastPath(agentFastPath, true);
  server = createAkhrotServer(
    (req, res) => {
      fellThrough.push(`${req.method} ${req.url}`);
      res.writeHead(299, { "content-type": "text/plain" }).end("next");
    },
    () => fast,
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { method: opts.method ?? "POST", headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** The same request to both; the timestamp of an error body and a new reauth link's state differ by nature. */
async function expectSameAnswer(key: string | null, body: string) {
  const headers: Record<string, string> = { "content-type": "application/json", ...(key ? { "x-api-key": key } : {}) };
  const fast = await send(PATH, { headers, body });
  const route = await routeHandler(serviceRequest(PATH, key, { method: "POST", raw: body }));
  const normalize = (text: string) => {
    const b = JSON.parse(text) as Record<string, unknown>;
    return { ...b, ...(b.timestamp ? { timestamp: "T" } : {}), ...(typeof b.reauth_url === "string" ? { reauth_url: b.reauth_url.replace(/[^/]+$/, "STATE") } : {}) };
  };
  expect({ status: fast.status, body: normalize(fast.text) }).toEqual({ status: route.status, body: normalize(await route.text()) });
  expect(fast.headers["content-type"]).toBe(route.headers.get("content-type"));
  expect(fast.headers["x-ratelimit-limit"] !== undefined).toBe(route.headers.get("x-ratelimit-limit") !== null);
  expect([fast.headers["x-request-id"] !== undefined, route.headers.get("x-request-id") !== null]).toEqual([true, true]);
  return { fast, body: JSON.parse(fast.text) as Record<string, unknown> };
}

async function grantedEndUser() {
  const { org } = await makeOrg(db);
  const { service } = await makeService(db, org, { redirectUris: ["https://app.example.test/cb"], providers: [{ provider: "google", scopes: SCOPES }] });
  const key = await makeServiceKey(db, org, service);
  const endUserId = randomId("eu");
  await db.insert(endUsers).values({ id: endUserId, orgId: org.id, email: `${endUserId}@example.test` });
  await db.insert(serviceEndUsers).values({ serviceId: service.id, endUserId });
  const id = randomId("conn");
  await db.insert(connections).values({ id, endUserId, provider: "google", authType: "oauth2", accountId: `acct-${id}`, accountLabel: "eu@example.test", scopes: SCOPES, accessTokenEnc: seal(id, "access_token", "ya29.fast-path"), refreshTokenEnc: seal(id, "refresh_token", "1//rt"), expiresAt: new Date(Date.now() + 3600_000) });
  const grantId = randomId("grant");
  await db.insert(serviceGrants).values({ id: grantId, endUserId, serviceId: service.id, connectionId: id, provider: "google", scopes: SCOPES });
  return { org, service, key, endUserId, connectionId: id, grantId };
}

describe("POST /api/service/provider-tokens on the Node fast path", () => {
  it("answers exactly as the route handler does: ok, action_required and every refusal", async () => {
    const s = await grantedEndUser();
    const ok = await expectSameAnswer(s.key, JSON.stringify({ user_id: s.endUserId, provider: "google", scopes: [] }));
    expect(ok.body).toMatchObject({ status: "ok", access_token: "ya29.fast-path", provider: "google", scopes: SCOPES, account: { id: s.connectionId } });
    expect(ok.fast.headers["x-content-type-options"]).toBe("nosniff");
    expect(ok.fast.headers["x-request-id"]).toBeTruthy();
    await flushWrites();
    const issued = await db.select().from(orgAuditEvents).where(eq(orgAuditEvents.serviceId, s.service.id));
    expect(issued.filter((e) => e.action === "provider_token.issued")).toHaveLength(2);
    const [grant] = await db.select().from(serviceGrants).where(eq(serviceGrants.id, s.grantId));
    expect(grant?.lastUsedAt).not.toBeNull();

    const other = await grantedEndUser();
    const link = await expectSameAnswer(s.key, JSON.stringify({ user_id: s.endUserId, provider: "github" }));
    expect(link.body).toMatchObject({ error: "Service does not have github scopes configured", error_code: "FORBIDDEN" });
    expect((await expectSameAnswer(s.key, JSON.stringify({ user_id: other.endUserId, provider: "google" }))).body.error_code).toBe("NOT_FOUND");
    expect((await expectSameAnswer(s.key, JSON.stringify({ user_id: s.endUserId, provider: "google", scopes: ["https://mail.google.com/"] }))).body.error_code).toBe("BAD_REQUEST");
    expect((await expectSameAnswer(null, JSON.stringify({ user_id: s.endUserId, provider: "google" }))).body.error).toBe("Missing or invalid X-Api-Key header");
    expect((await expectSameAnswer("aks_nope", JSON.stringify({ user_id: s.endUserId, provider: "google" }))).body.error).toBe("Invalid API key format");
    expect((await expectSameAnswer(s.key, "{not json")).body.error).toBe("Request body is not valid JSON");
    expect((await expectSameAnswer(s.key, JSON.stringify({ user_id: 5 }))).body.error_code).toBe("BAD_REQUEST");
    const narrow = await makeServiceKey(db, s.org, s.service, ["read:provider_tokens:github"]);
    expect((await expectSameAnswer(narrow, JSON.stringify({ user_id: s.endUserId, provider: "google" }))).body.error).toBe("Missing required permission: read:provider_tokens");

    // A revoked grant: action_required with a fresh link from both.
    await db.update(serviceGrants).set({ status: "revoked" }).where(eq(serviceGrants.id, s.grantId));
    const again = await expectSameAnswer(s.key, JSON.stringify({ user_id: s.endUserId, provider: "google", state: "client-1" }));
    expect(again.body).toMatchObject({ status: "action_required", code: "PROVIDER_GRANT_REQUIRED", missing_scopes: [] });
  });

  it("leaves every other path and method to Next", async () => {
    const before = fellThrough.length;
    expect((await send(PATH, { method: "GET" })).status).toBe(299);
    expect((await send("/api/service/provider-tokens/x", { body: "{}" })).status).toBe(299);
    expect((await send("/api/service/users", { method: "GET" })).status).toBe(299);
    expect(fellThrough.slice(before)).toEqual([`GET ${PATH}`, "POST /api/service/provider-tokens/x", "GET /api/service/users"]);
  });
});
