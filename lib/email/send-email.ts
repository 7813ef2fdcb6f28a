/**
 * Outgoing e-mail: address verification, password reset and (for organizations) invitations.
 * One transport, chosen by env:
 * - SMTP_URL + EMAIL_FROM: sent through nodemailer over SMTP (the only mode in which e-mail
 *   proves anything, and the mode that makes unverified accounts inert: lib/users/account-may-act.ts);
 * - development/test with no SMTP_URL: the message is written to the server log, so a
 *   developer can click the link without a mail server;
 * - production with no SMTP_URL: nothing is sent and `sendEmail` throws EmailUnavailable, so a
 *   caller can never believe a message went out when it did not.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { env, isProductionLike } from "@/lib/env";

export type EmailMessage = { to: string; subject: string; text: string };

export class EmailUnavailable extends Error {
  override name = "EmailUnavailable";
  constructor() {
    super("e-mail is not configured on this instance (set SMTP_URL and EMAIL_FROM)");
  }
}

/** True when a real sender is configured (SMTP): e-mail then proves who you are. */
export function emailSenderConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

/** True when messages can reach someone: a real sender, or the development log. */
export function emailDeliverable(): boolean {
  return emailSenderConfigured() || !isProductionLike();
}

const holder = globalThis as typeof globalThis & { __akhrotMailer?: { url: string; transport: Transporter } };

function transport(url: string): Transporter {
  if (holder.__akhrotMailer?.url !== url) holder.__akhrotMailer = { url, transport: nodemailer.createTransport(url) };
  return holder.__akhrotMailer.transport;
}

export async function sendEmail(message: EmailMessage): Promise<void> {
  const { SMTP_URL, EMAIL_FROM } = env();
  if (SMTP_URL && EMAIL_FROM) {
    await transport(SMTP_URL).sendMail({ from: EMAIL_FROM, to: message.to, subject: message.subject, text: message.text });
    return;
  }
  if (isProductionLike()) throw new EmailUnavailable();
  // Development only: the whole message, link included, for the developer at the console.
  // Development only, and on purpose not through the logger: its redaction would mask the very
  // link (token) the developer needs to click.
  // eslint-disable-next-line no-console -- development-only e-mail stand-in
  console.info(`akhrot: e-mail (no SMTP_URL, development: logged, not sent)\nTo: ${message.to}\nSubject: ${message.subject}\n\n${message.text}\n`);
}
