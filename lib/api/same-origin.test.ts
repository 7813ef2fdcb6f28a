import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./same-origin";

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
