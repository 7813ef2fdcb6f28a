/**
 * Issue 17 item 6: paths under an API family's prefix that no route serves answer JSON in
 * that family's envelope. (Next's routing prefers the specific routes over these catch-alls;
 * the e2e smoke over `npm start` covers the routing itself.)
 */
import { describe, expect, it } from "vitest";
import { GET as aiUnknown, POST as aiUnknownPost } from "@/app/ai/[...unknown]/route";
import { DELETE as apiUnknownDelete, GET as apiUnknown } from "@/app/api/[...unknown]/route";
import { GET as oauthUnknown } from "@/app/oauth/[...unknown]/route";
import { GET as tokensUnknown, POST as tokensUnknownPost } from "@/app/tokens/[...unknown]/route";
import { request } from "@/lib/testing/fixtures";

const agentCases = [
  ["GET", "/tokens/fetchh", tokensUnknown],
  ["POST", "/tokens/refresh", tokensUnknownPost],
  ["GET", "/ai/contexts/summary", aiUnknown],
  ["POST", "/ai/skill/extra", aiUnknownPost],
  ["GET", "/oauth/callback", oauthUnknown],
] as const;

describe("unknown agent paths", () => {
  it.each(agentCases)("%s %s → 404 in the agent envelope", async (method, path, handler) => {
    const res = await handler(request(path, { method }));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: `No such endpoint: ${method} ${path}. The agent API is described at GET /ai/skill.` } });
  });

  it("an echoed path cannot carry control characters or run on", async () => {
    const res = await aiUnknown(request(`/ai/${encodeURIComponent("x\n\u001b[31m")}${"y".repeat(300)}`));
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
    expect(error.message.length).toBeLessThan(200);
  });
});

describe("unknown /api paths", () => {
  it.each([
    ["GET", "/api/v1/users", apiUnknown],
    ["DELETE", "/api/nothing", apiUnknownDelete],
  ] as const)("%s %s → 404 in the service envelope", async (method, path, handler) => {
    const res = await handler(request(path, { method }));
    expect(res.status).toBe(404);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["error", "error_code", "timestamp"]);
    expect(body).toMatchObject({ error: `No such endpoint: ${method} ${path}`, error_code: "NOT_FOUND" });
    expect(String(body.timestamp)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
  });
});
