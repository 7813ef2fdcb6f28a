/**
 * A real HTTP server in front of the real /api/service/* route handlers (the App Router's
 * matching reproduced for these paths), recording every request exactly as it arrived so a
 * test can assert the bytes a client sent, and every answer that /openapi.json does not
 * document (`violations`, which a test asserts empty).
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as analytics from "@/app/api/service/analytics/route";
import * as info from "@/app/api/service/info/route";
import * as providerTokens from "@/app/api/service/provider-tokens/route";
import * as sub from "@/app/api/service/subscriptions/[userId]/route";
import * as subs from "@/app/api/service/subscriptions/route";
import * as user from "@/app/api/service/users/[userId]/route";
import * as users from "@/app/api/service/users/route";
import * as catchAll from "@/app/api/service/[...path]/route";
import { contractViolation } from "./openapi-check";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Module = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;
export type Recorded = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

const routes: [RegExp, Module][] = [
  [/^\/api\/service\/users$/, users as unknown as Module],
  [/^\/api\/service\/users\/(?<userId>[^/]+)$/, user as unknown as Module],
  [/^\/api\/service\/subscriptions$/, subs as unknown as Module],
  [/^\/api\/service\/subscriptions\/(?<userId>[^/]+)$/, sub as unknown as Module],
  [/^\/api\/service\/analytics$/, analytics as unknown as Module],
  [/^\/api\/service\/info$/, info as unknown as Module],
  [/^\/api\/service\/provider-tokens$/, providerTokens as unknown as Module],
  [/^\/api\/service\/.+$/, catchAll as unknown as Module],
];

export async function startServiceApiServer(): Promise<{ base: string; recorded: Recorded[]; violations: string[]; close: () => Promise<void> }> {
  const recorded: Recorded[] = [];
  const violations: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const method = req.method ?? "GET";
        recorded.push({ method, url: req.url ?? "", headers: req.headers, body });
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const match = routes.map(([re, mod]) => [re.exec(url.pathname), mod] as const).find(([m]) => m);
        const handler = match?.[1][method as keyof Module];
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
        const request = new Request(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : body });
        const response = handler ? await handler(request, { params: Promise.resolve({ ...(match?.[0]?.groups ?? {}) }) }) : new Response(null, { status: 405 });
        const bytes = Buffer.from(await response.arrayBuffer());
        const violation = contractViolation(method, url.pathname, response.status, response.headers.get("content-type"), bytes.toString("utf8"));
        if (violation) violations.push(violation);
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(bytes);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    recorded,
    violations,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
