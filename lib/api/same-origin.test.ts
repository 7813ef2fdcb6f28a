import { describe, expect, it } from "vitest";
import { isSameOriginFormPost, isSameOriginRequest } from "./same-origin";

function req(headers: Record<string, string>, url = "http://localhost:3210/api/trpc/apiKeys.create") {
  return new Request(url, { method: "POST", headers });
}

describe("isSameOriginRequest", () => {
  it.each([
    ["no Origin header (non-browser client)", { host: "localhost:3210" }, undefined, true],
    ["Origin equal to Host", { host: "localhost:3210", origin: "http://localhost:3210" }, undefined, true],
    ["Origin equal to the forwarded host", { host: "10.0.0.5:3000", "x-forwarded-host": "akhrot.example.com", origin: "https://akhrot.example.com" }, undefined, true],
    ["Origin equal to APP_URL", { host: "internal:3000", origin: "https://akhrot.example.com" }, "https://akhrot.example.com/", true],
    ["another site", { host: "localhost:3210", origin: "https://evil.example" }, undefined, false],
    ["another port on the same host", { host: "localhost:3210", origin: "http://localhost:3211" }, undefined, false],
    ["a look-alike suffix", { host: "akhrot.example.com", origin: "https://akhrot.example.com.evil.example" }, "https://akhrot.example.com", false],
    ["Origin null", { host: "localhost:3210", origin: "null" }, undefined, false],
  ])("%s", (_, headers, appUrl, expected) => {
    expect(isSameOriginRequest(req(headers), appUrl)).toBe(expected);
  });
});

describe("isSameOriginFormPost", () => {
  it.each([
    ["same-origin browser post", { host: "localhost:3210", origin: "http://localhost:3210", "sec-fetch-site": "same-origin" }, true],
    ["no Origin, no Sec-Fetch-Site (the CSRF token decides)", { host: "localhost:3210" }, true],
    ["Origin evil", { host: "localhost:3210", origin: "https://evil.example", "sec-fetch-site": "cross-site" }, false],
    ["Origin null", { host: "localhost:3210", origin: "null" }, false],
    ["Origin null from a cross-site sandboxed frame", { host: "localhost:3210", origin: "null", "sec-fetch-site": "cross-site" }, false],
    ["Origin null on a no-referrer page's own form (Sec-Fetch-Site same-origin)", { host: "localhost:3210", origin: "null", "sec-fetch-site": "same-origin" }, true],
    ["no Origin and Sec-Fetch-Site cross-site", { host: "localhost:3210", "sec-fetch-site": "cross-site" }, false],
    ["a sibling subdomain (same-site)", { host: "localhost:3210", origin: "http://other.localhost:3210", "sec-fetch-site": "same-site" }, false],
    ["same-site even with our own Origin", { host: "localhost:3210", origin: "http://localhost:3210", "sec-fetch-site": "same-site" }, false],
  ])("S1: %s", (_, headers, expected) => {
    expect(isSameOriginFormPost(req(headers))).toBe(expected);
  });
});
