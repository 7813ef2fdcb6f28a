import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Unbiased base62 string of `length` characters from the CSPRNG (rejection sampling). */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** Prefixed public ids: `conn_…`, `cs_…`, `key_…`, `usr_…`, `org_…`, `svc_…`, `wh_…` (webhook endpoints), `msg_…` (webhook messages), … (128 bits of randomness). */
export type IdPrefix = "conn" | "cs" | "key" | "usr" | "org" | "inv" | "svc" | "plan" | "skey" | "eu" | "sub" | "grant" | "ptr" | "wh" | "msg";
export function randomId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(22)}`;
}

export function base62Encode(value: number, width: number): string {
  let n = value;
  let out = "";
  do {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, "0");
}
