import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EnvError, parseEnv, parseExtraScopes } from "./env";

const goodKey = randomBytes(32).toString("base64");
const goodSecret = randomBytes(32).toString("base64");

afterEach(() => vi.restoreAllMocks());

describe("configuration", () => {
  it.each([
    ["missing AUTH_SECRET", { AKHROT_ENCRYPTION_KEY: goodKey }, /AUTH_SECRET: is required; generate one with: openssl rand -base64 32/],
    ["short AUTH_SECRET", { AUTH_SECRET: "short", AKHROT_ENCRYPTION_KEY: goodKey }, /AUTH_SECRET: must be at least 32 characters/],
    ["missing encryption key", { AUTH_SECRET: goodSecret }, /AKHROT_ENCRYPTION_KEY: is required/],
    ["16-byte encryption key", { AUTH_SECRET: goodSecret, AKHROT_ENCRYPTION_KEY: randomBytes(16).toString("base64") }, /AKHROT_ENCRYPTION_KEY: must be base64 of exactly 32 random bytes/],
    ["non-base64 encryption key", { AUTH_SECRET: goodSecret, AKHROT_ENCRYPTION_KEY: "x".repeat(44) }, /AKHROT_ENCRYPTION_KEY/],
    ["bad DATABASE_URL", { AUTH_SECRET: goodSecret, AKHROT_ENCRYPTION_KEY: goodKey, DATABASE_URL: "not a url" }, /DATABASE_URL/],
  ])("production refuses %s, naming the variable", (_, vars, message) => {
    expect(() => parseEnv({ NODE_ENV: "production", ...vars })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: "production", ...vars })).toThrow(message);
  });

  it("Vercel without DATABASE_URL is refused with the reason", () => {
    expect(() => parseEnv({ NODE_ENV: "production", VERCEL: "1", AUTH_SECRET: goodSecret, AKHROT_ENCRYPTION_KEY: goodKey })).toThrow(/DATABASE_URL: is required on Vercel/);
  });

  it("production accepts a complete configuration", () => {
    const env = parseEnv({ NODE_ENV: "production", AUTH_SECRET: goodSecret, AKHROT_ENCRYPTION_KEY: goodKey });
    expect(env.RATE_LIMIT_PER_MINUTE).toBe(120);
    expect(env.RATE_LIMIT_FAIL_MODE).toBe("open");
  });

  it("development generates secrets once into .data and reuses them", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "akhrot-env-"));
    vi.spyOn(process, "cwd").mockReturnValue(dir);
    const info = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const first = parseEnv({ NODE_ENV: "development" });
    const second = parseEnv({ NODE_ENV: "development" });
    expect(first.AUTH_SECRET).toBe(second.AUTH_SECRET);
    expect(Buffer.from(first.AKHROT_ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(info).toHaveBeenCalledTimes(1);
    expect(JSON.parse(readFileSync(path.join(dir, ".data/dev-secrets.json"), "utf8")).AUTH_SECRET).toBe(first.AUTH_SECRET);
  });
});

describe("S6: AKHROT_EXTRA_SCOPES_<CODE>", () => {
  it("maps each variable to its provider code (underscores for dashes), trimming the list", () => {
    expect(parseExtraScopes({ AKHROT_EXTRA_SCOPES_GOOGLE: "https://mail.google.com/, https://www.googleapis.com/auth/tasks", AKHROT_EXTRA_SCOPES_X_TWITTER: "dm.read" })).toEqual({
      google: ["https://mail.google.com/", "https://www.googleapis.com/auth/tasks"],
      "x-twitter": ["dm.read"],
    });
  });

  it.each([
    ["a lower-case code", { AKHROT_EXTRA_SCOPES_google: "a" }, /AKHROT_EXTRA_SCOPES_google: the part after/],
    ["an empty list", { AKHROT_EXTRA_SCOPES_GOOGLE: " , " }, /AKHROT_EXTRA_SCOPES_GOOGLE: must list at least one scope/],
    ["a scope with a space", { AKHROT_EXTRA_SCOPES_GITHUB: "repo,admin org" }, /AKHROT_EXTRA_SCOPES_GITHUB: each scope must be one token/],
  ])("refuses %s at start-up", (_, source, message) => {
    expect(() => parseExtraScopes(source)).toThrow(EnvError);
    expect(() => parseExtraScopes(source)).toThrow(message);
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: goodSecret, AKHROT_ENCRYPTION_KEY: goodKey, ...source })).toThrow(message);
  });
});
