/**
 * SECURITY-REVIEW S18 and issue 15 item 3 over the real handlers: a hostile path parameter
 * with a forced database error cannot forge or colour a log line, and the logged error carries
 * neither the connect-session id nor drizzle's parameters; request ids are echoed and bound to
 * the lines written while answering.
 */
import { NextRequest } from "next/server";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as connectSessionQueries from "@/db/queries/connect-sessions";
import { GET as callback } from "@/app/oauth/callback/[provider]/route";
import { GET as summary } from "@/app/ai/context/summary/route";
import { BINDING_COOKIE_PREFIX } from "@/lib/connect/start-authorization";
import { newAgent } from "@/lib/testing/agent-flow";
import { captureLogs, type CapturedLogs } from "@/lib/testing/capture-logs";
import { params, request, testDb } from "@/lib/testing/fixtures";

let logs: CapturedLogs;
beforeAll(async () => {
  await testDb();
});
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
  vi.restoreAllMocks();
});

describe("log lines cannot be forged or carry capabilities", () => {
  it("the callback's path parameter and a failing query are logged safely", async () => {
    const sessionId = "cs_AbCdEfGhIjKlMnOpQrStUv";
    vi.spyOn(connectSessionQueries, "consumeState").mockRejectedValueOnce(
      Object.assign(new Error(`Failed query: update "connect_sessions" set "status" = $1 where "id" = $2\nparams: pending,${sessionId},alice@example.com`), { name: "DrizzleQueryError" }),
    );
    const provider = "x\nforged: admin logged in\u001b[31m";
    const req = new NextRequest(`http://localhost:3000/oauth/callback/${encodeURIComponent(provider)}?state=abc&code=secret-code-123`, {
      headers: { cookie: `${BINDING_COOKIE_PREFIX}1=binding`, "x-request-id": "trace-0123456789" },
    });
    const res = await callback(req, params({ provider }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/reason=server_error$/);
    expect(res.headers.get("x-request-id")).toBe("trace-0123456789");

    const text = logs.text();
    const lines = text.split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(lines.some((l) => l.startsWith("forged"))).toBe(false);
    expect(text).not.toMatch(/\u001b|\\u001b|\\n(?=forged)/);
    expect(text).not.toContain(sessionId);
    expect(text).not.toContain("alice@example.com");
    expect(text).not.toContain("secret-code-123");
    expect(logs.entries()).toContainEqual(expect.objectContaining({ where: "oauth.callback", reqId: "trace-0123456789", provider: "x?forged: admin logged in?[31m", error: expect.objectContaining({ name: "DrizzleQueryError" }) }));
  });

  it("every agent response carries a request id; a caller's unsafe id is replaced", async () => {
    const a = await newAgent((await testDb()));
    const plain = await summary(request("/ai/context/summary", { key: a.key }), params({}));
    expect(plain.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await summary(request("/ai/context/summary", { key: a.key, headers: { "x-request-id": "agent-run-42.step-7" } }), params({}));
    expect(kept.headers.get("x-request-id")).toBe("agent-run-42.step-7");
    const hostile = await summary(request("/ai/context/summary", { key: a.key, headers: { "x-request-id": "x <script>alert(1)</script>" } }), params({}));
    expect(hostile.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const long = await summary(request("/ai/context/summary", { key: a.key, headers: { "x-request-id": "a".repeat(65) } }), params({}));
    expect(long.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
