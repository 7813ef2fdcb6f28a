import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrivateAddress, safeFetch, SafeFetchError } from "./safe-fetch";

let server: http.Server;
let host = "";
let hits = 0;
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(302, { location: "http://10.1.2.3/internal" });
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("isPrivateAddress", () => {
  it.each(["127.0.0.1", "10.0.0.5", "172.20.1.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "not-an-ip"])("%s is private", (a) => {
    expect(isPrivateAddress(a)).toBe(true);
  });
  it.each(["8.8.8.8", "140.82.112.3", "2606:4700::1111"])("%s is public", (a) => {
    expect(isPrivateAddress(a)).toBe(false);
  });
});

describe("safeFetch", () => {
  it("refuses plain http, hosts off the list, and private addresses before sending anything", async () => {
    await expect(safeFetch(`http://${host}/`, {}, { allowedHosts: [host], allowPrivate: false })).rejects.toThrow(/https only/);
    await expect(safeFetch(`https://${host}/`, {}, { allowedHosts: [host], allowPrivate: false })).rejects.toThrow(/private address/);
    await expect(safeFetch("https://localhost/", {}, { allowedHosts: ["localhost"], allowPrivate: false })).rejects.toThrow(/private address/);
    await expect(safeFetch("https://example.com/", {}, { allowedHosts: [host], allowPrivate: false })).rejects.toBeInstanceOf(SafeFetchError);
    expect(hits).toBe(0);
  });

  it("does not follow a redirect to a private address even when the first host is allowed", async () => {
    await expect(safeFetch(`http://${host}/`, {}, { allowedHosts: [host, "10.1.2.3"], allowPrivate: false })).rejects.toThrow(/https only/);
    await expect(safeFetch(`http://${host}/`, {}, { allowedHosts: [host], allowPrivate: true })).rejects.toThrow("10.1.2.3 is not an allowed host");
    expect(hits).toBe(1);
  });
});
