/**
 * A real SMTP server on localhost (the `smtp-server` package) that keeps every message it
 * receives, so tests read the mail the app actually sent and follow its links.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string[]; raw: string; text: string };

/** Undo quoted-printable (soft line breaks, =XX), which nodemailer uses for long lines. */
function decodeQuotedPrintable(body: string): string {
  return body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export type SmtpInbox = {
  url: string;
  messages: ReceivedMail[];
  /** The next message to `to` that arrives (or has arrived) after `since` messages. */
  waitFor: (to: string, opts?: { since?: number; timeoutMs?: number }) => Promise<ReceivedMail>;
  stop: () => Promise<void>;
};

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const body = raw.slice(raw.search(/\r?\n\r?\n/) + 1);
        const qp = /content-transfer-encoding:\s*quoted-printable/i.test(raw);
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw, text: qp ? decodeQuotedPrintable(body) : body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(to, { since = 0, timeoutMs = 15_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.slice(since).find((m) => m.to.includes(to.toLowerCase()));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link into this instance in a mail, as a URL. */
export function linkIn(mail: ReceivedMail, path: string): URL {
  const match = mail.text.match(new RegExp(`https?://[^\\s]+${path.replace(/[/?]/g, "\\$&")}[^\\s]*`));
  if (!match) throw new Error(`no ${path} link in the mail:\n${mail.text}`);
  return new URL(match[0]);
}
