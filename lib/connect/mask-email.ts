/** alice@example.com → a•••e@example.com: enough for a human to recognise their account, not to harvest it. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  const shown = local.length <= 2 ? `${local[0] ?? ""}•••` : `${local[0]}•••${local[local.length - 1]}`;
  return domain ? `${shown}@${domain}` : shown;
}
