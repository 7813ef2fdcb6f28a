import { describe, expect, it } from "vitest";
import { hashForLog, redact, stripControl } from "./redact";
import { redactLine } from "./redact-line";

describe("redact", () => {
  it.each([
    ["an agent key", "bad key akh_3f9a0B7cdEfGhIjKlMnOpQrStUvWxYz0123456789", "akh_3f9a0B7"],
    ["a bearer header", "authorization: Bearer ya29.a0AfH6SMB-secret", "ya29.a0AfH6SMB"],
    ["a Postgres password", "connect to postgres://app:hunter2@db:5432/x failed", "hunter2"],
    ["a Redis password", "redis://:sekrit@127.0.0.1:6379", "sekrit"],
    ["a form-encoded refresh token", "grant_type=refresh_token&refresh_token=1//0gRefresh&client_secret=shh", "1//0gRefresh"],
    ["a JSON access token", '{"access_token":"gho_16C7e42F292c6912E7710c838347Ae178B4a"}', "gho_16C7e42F"],
    ["an OpenAI-style key", "Incorrect API key provided: sk-proj-abcdefghijklmnop", "sk-proj-abcdefgh"],
    ["drizzle's params tail", "Failed query: select * from users where email = $1\nparams: alice@example.com,42", "alice@example.com"],
  ])("masks %s", (_, text, secret) => {
    expect(redact(text)).not.toContain(secret);
  });

  it("replaces a connect-session id by a stable hash (correlation without the capability)", () => {
    const id = "cs_AbCdEfGhIjKlMnOpQrStUv";
    expect(redact(`session ${id} failed`)).toBe(`session cs_${hashForLog(id)} failed`);
    expect(hashForLog(id)).toBe(hashForLog(id));
  });

  it("keeps the rest of a JSON line when cutting drizzle's params tail out of a message", () => {
    const line = `${JSON.stringify({ msg: "x", error: { message: "Failed query: select 1\nparams: bob@example.com" }, where: "db" })}\n`;
    const out = redactLine(line);
    expect(out).not.toContain("bob@example.com");
    expect(JSON.parse(out)).toMatchObject({ where: "db", error: { message: "Failed query: select 1\\nparams: [redacted]".replace("\\n", "\n") } });
  });

  it("strips control characters so a value cannot forge a log line", () => {
    expect(stripControl("google\nforged line\r\u001b[31m")).toBe("google?forged line??[31m");
  });
});
