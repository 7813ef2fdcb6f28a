import { beforeAll, describe, expect, it } from "vitest";
import { GET as summary } from "@/app/ai/context/summary/route";
import { request, testDb, uniqueEmail } from "@/lib/testing/fixtures";
import { runCli } from "./run-cli";

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { log: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

// The first migration of an in-memory PGlite is slow on a loaded machine: not inside a test's 30 s.
beforeAll(() => testDb().then(() => undefined), 180_000);

describe("operator CLI", () => {
  it("user create → key create (key alone on the last stdout line) → the key works → list → revoke", async () => {
    const email = uniqueEmail("cli");
    expect((await cli("user", "create", "--email", email, "--password", "correct horse battery")).code).toBe(0);
    const created = await cli("key", "create", "--email", email, "--name", "ci agent", "--providers", "google,github", "--expires-in", "30d");
    expect(created.code).toBe(0);
    const key = created.out.at(-1) ?? "";
    expect(key).toMatch(/^akh_[0-9A-Za-z]{49}$/);
    expect((await summary(request("/ai/context/summary", { key }))).status).toBe(200);

    const listed = await cli("key", "list", "--email", email);
    const line = listed.out.find((l) => l.includes('"ci agent"')) ?? "";
    expect(line).toContain(`akh_…${key.slice(-4)}`);
    expect(line).toContain("providers=google,github");
    expect(line).not.toContain(key);
    const id = line.split("\t")[0] ?? "";

    expect((await cli("key", "revoke", "--id", id)).out).toEqual([`revoked ${id}`]);
    expect((await summary(request("/ai/context/summary", { key }))).status).toBe(401);
    expect((await cli("key", "revoke", "--id", id)).out).toEqual([`${id} was already revoked`]);
  });

  it.each([
    [["user", "create", "--email", "bad", "--password", "long enough password"], /valid email/],
    [["user", "create", "--email", "a@b.co", "--password", "short"], /at least 10 characters/],
    [["key", "create", "--email", "nobody@example.test", "--name", "x"], /no user with email/],
    [["key", "revoke", "--id", "key_doesnotexist"], /no key with id/],
    [["key", "create", "--email", "nobody@example.test"], /--name is required|no user/],
    [["frobnicate"], /usage: npm run akhrot/],
  ])("%j fails with a clear message and exit code 2", async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toMatch(message);
  });

  it("refuses a taken email and unknown provider codes", async () => {
    const email = uniqueEmail("dup");
    await cli("user", "create", "--email", email, "--password", "correct horse battery");
    expect((await cli("user", "create", "--email", email, "--password", "correct horse battery")).err.join()).toMatch(/already exists/);
    expect((await cli("key", "create", "--email", email, "--name", "n", "--providers", "google,nope")).err.join()).toMatch(/unknown provider code\(s\): nope/);
  });
});
