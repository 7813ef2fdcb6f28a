/**
 * HTTP Digest access authentication (RFC 7616), client side: answer a server's
 * `WWW-Authenticate: Digest ...` challenge. The MongoDB Atlas Administration API authenticates
 * API keys this way (public key as user name, private key as password), so a key check must
 * make the round trip: a first request draws the 401 challenge, the second carries the answer.
 * https://www.mongodb.com/docs/atlas/api/api-authentication/
 */
import { createHash, randomBytes } from "node:crypto";

export type DigestChallenge = { realm: string; nonce: string; qop?: string; algorithm: string; opaque?: string };

/** The Digest challenges in a WWW-Authenticate value (several may be joined by commas). */
export function parseDigestChallenges(header: string): DigestChallenge[] {
  const challenges: DigestChallenge[] = [];
  for (const part of header.split(/,?\s*(?=\bDigest\s)/i)) {
    if (!/^Digest\s/i.test(part)) continue;
    const params: Record<string, string> = {};
    for (const m of part.slice(7).matchAll(/([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
      const key = m[1]?.toLowerCase();
      if (key) params[key] = (m[2] ?? m[3] ?? "").replace(/\\(.)/g, "$1");
    }
    if (params.realm === undefined || !params.nonce) continue;
    challenges.push({ realm: params.realm, nonce: params.nonce, qop: params.qop, algorithm: params.algorithm ?? "MD5", opaque: params.opaque });
  }
  return challenges;
}

const HASHES: Record<string, string> = { "MD5": "md5", "MD5-SESS": "md5", "SHA-256": "sha256", "SHA-256-SESS": "sha256" };

/** The strongest challenge this client can answer: SHA-256 over MD5. */
export function pickChallenge(challenges: DigestChallenge[]): DigestChallenge | undefined {
  const usable = challenges.filter((c) => HASHES[c.algorithm.toUpperCase()]);
  return usable.find((c) => c.algorithm.toUpperCase().startsWith("SHA-256")) ?? usable[0];
}

/** The `Authorization` value answering `challenge` for one request (`uri` = path + query). */
export function digestAuthorization(challenge: DigestChallenge, input: { username: string; password: string; method: string; uri: string; cnonce?: string }): string {
  const algorithm = challenge.algorithm.toUpperCase();
  const hashName = HASHES[algorithm] ?? "md5";
  const h = (s: string) => createHash(hashName).update(s).digest("hex");
  const cnonce = input.cnonce ?? randomBytes(16).toString("hex");
  const nc = "00000001";
  let ha1 = h(`${input.username}:${challenge.realm}:${input.password}`);
  if (algorithm.endsWith("-SESS")) ha1 = h(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = h(`${input.method}:${input.uri}`);
  const qop = challenge.qop?.split(",").map((q) => q.trim()).find((q) => q === "auth");
  const response = qop ? h(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${challenge.nonce}:${ha2}`);
  const quote = (s: string) => `"${s.replace(/(["\\])/g, "\\$1")}"`;
  const parts = [
    `username=${quote(input.username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(input.uri)}`,
    `algorithm=${challenge.algorithm}`,
    `response=${quote(response)}`,
  ];
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`);
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
  return `Digest ${parts.join(", ")}`;
}
