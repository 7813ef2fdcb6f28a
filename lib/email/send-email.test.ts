import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv, resetEnvCache } from "@/lib/env";
import { EmailUnavailable, sendEmail } from "./send-email";

const prod = { NODE_ENV: "production", AUTH_SECRET: randomBytes(32).toString("base64"), AKHROT_ENCRYPTION_KEY: randomBytes(32).toString("base64") } as const;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  resetEnvCache();
});

describe("e-mail configuration", () => {
  it("SMTP_URL needs EMAIL_FROM and APP_URL (links never take their host from a request)", () => {
    expect(() => parseEnv({ ...prod, SMTP_URL: "smtp://mail.example:587", APP_URL: "https://akhrot.example" })).toThrow(/EMAIL_FROM: is required with SMTP_URL/);
    expect(() => parseEnv({ ...prod, SMTP_URL: "smtp://mail.example:587", EMAIL_FROM: "a@b.example" })).toThrow(/APP_URL: is required with SMTP_URL/);
    expect(() => parseEnv({ ...prod, SMTP_URL: "https://mail.example", EMAIL_FROM: "a@b.example", APP_URL: "https://akhrot.example" })).toThrow(/SMTP_URL: must start with smtp/);
  });

  it("defaults: sign-up open in development and invitation-only in production; trusted proxies 1 on Vercel, else 0", () => {
    expect(parseEnv({ NODE_ENV: "development", AUTH_SECRET: prod.AUTH_SECRET, AKHROT_ENCRYPTION_KEY: prod.AKHROT_ENCRYPTION_KEY })).toMatchObject({ AKHROT_SIGNUP: "open", AKHROT_TRUSTED_PROXIES: 0 });
    expect(parseEnv(prod)).toMatchObject({ AKHROT_SIGNUP: "invite", AKHROT_TRUSTED_PROXIES: 0 });
    expect(parseEnv({ ...prod, VERCEL: "1", DATABASE_URL: "postgres://x@db.example/akhrot" })).toMatchObject({ AKHROT_TRUSTED_PROXIES: 1 });
    expect(parseEnv({ ...prod, AKHROT_SIGNUP: "open", AKHROT_TRUSTED_PROXIES: "2" })).toMatchObject({ AKHROT_SIGNUP: "open", AKHROT_TRUSTED_PROXIES: 2 });
  });
});

describe("sendEmail without SMTP", () => {
  it("development: the message (link included) goes to the server log", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    await sendEmail({ to: "dev@example.test", subject: "Hello", text: "http://localhost:3000/verify-email?token=abc" });
    expect(info.mock.calls.flat().join("\n")).toContain("http://localhost:3000/verify-email?token=abc");
  });

  it("production: nothing is logged as sent; it throws EmailUnavailable", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    await expect(sendEmail({ to: "x@example.test", subject: "s", text: "secret link" })).rejects.toBeInstanceOf(EmailUnavailable);
    expect(info).not.toHaveBeenCalled();
  });
});
