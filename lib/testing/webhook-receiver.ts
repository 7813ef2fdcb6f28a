/**
 * A real HTTP receiver for webhook tests (node:http on 127.0.0.1): it records every request it
 * gets, verbatim, and answers with the status a test sets (500 plays an outage). `stop()` closes
 * it, so the next delivery finds nobody listening.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { path: string; headers: IncomingHttpHeaders; body: string };

export type WebhookReceiver = {
  url: (path?: string) => string;
  received: ReceivedWebhook[];
  /** The status every request gets from now on (200 by default). */
  answer: (status: number) => void;
  stop: () => Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let status = 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "receiver says: internal error with a long body that must not be stored");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    received,
    answer: (s) => {
      status = s;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
