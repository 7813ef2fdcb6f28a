/**
 * The official MCP SDK client against Akhrot's real /mcp route, two ways: in process (the
 * transport's fetch calls the route handler directly) and over a loopback socket (a plain
 * node:http server turning each request into a web Request for the same handler), so real
 * framing and headers are exercised too.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { serveMcp } from "@/lib/mcp/serve-mcp";

export const MCP_URL = "http://localhost:3000/mcp";

export type Era = "legacy" | "modern";

export type McpClientOptions = {
  era?: Era;
  /** A real URL to dial; without it the route handler is called in process. */
  url?: string;
  name?: string;
  headers?: Record<string, string>;
  /** Every response body the server sent (in-process only), for secret scans. */
  transcript?: string[];
};

/** Call the route in process, keeping a copy of each response body when asked. */
function inProcessFetch(transcript?: string[]) {
  return async (url: string | URL, init?: RequestInit): Promise<Response> => {
    const res = await serveMcp(new Request(url, init));
    if (transcript) transcript.push(await res.clone().text());
    return res;
  };
}

export async function mcpClient(key: string | null, opts: McpClientOptions = {}): Promise<Client> {
  const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}), ...opts.headers };
  const transport = new StreamableHTTPClientTransport(new URL(opts.url ?? MCP_URL), {
    ...(opts.url ? {} : { fetch: inProcessFetch(opts.transcript) }),
    requestInit: { headers },
  });
  const client = new Client({ name: opts.name ?? "akhrot-test", version: "1.0.0" }, { versionNegotiation: { mode: opts.era === "modern" ? "auto" : "legacy" } });
  await client.connect(transport);
  return client;
}

/** The route handler behind a real socket on 127.0.0.1 (random port). */
export async function startMcpSocket(): Promise<{ url: string; origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
      void serveMcp(new Request(`${origin}${req.url ?? "/"}`, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined }))
        .then(async (answer) => {
          res.writeHead(answer.status, Object.fromEntries(answer.headers));
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}/mcp`, origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
