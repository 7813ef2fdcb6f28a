import { describe, expect, it } from "vitest";
import { digestAuthorization, parseDigestChallenges, pickChallenge } from "./digest-auth";

describe("HTTP Digest client (RFC 7616)", () => {
  it("answers the RFC 2617 §3.5 example challenge with the published response", () => {
    const [challenge] = parseDigestChallenges('Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"');
    if (!challenge) throw new Error("no challenge parsed");
    const header = digestAuthorization(challenge, { username: "Mufasa", password: "Circle Of Life", method: "GET", uri: "/dir/index.html", cnonce: "0a4f113b" });
    expect(header).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(header).toContain("qop=auth, nc=00000001");
    expect(header).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  });

  it("prefers SHA-256 when the server offers it next to MD5, and ignores other schemes", () => {
    const all = parseDigestChallenges('Basic realm="x", Digest realm="a", nonce="n1", algorithm=MD5, qop="auth", Digest realm="a", nonce="n2", algorithm=SHA-256, qop="auth"');
    expect(all.map((c) => c.algorithm)).toEqual(["MD5", "SHA-256"]);
    expect(pickChallenge(all)?.nonce).toBe("n2");
    expect(pickChallenge(parseDigestChallenges('Digest realm="a", nonce="n", algorithm=SHA-512-256'))).toBeUndefined();
  });
});
