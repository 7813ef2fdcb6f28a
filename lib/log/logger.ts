/**
 * The one server-side logger (pino). JSON lines in production, one readable line per entry in
 * development, level from LOG_LEVEL (default info; silent under tests unless a test captures).
 * Three layers keep secrets out: structured paths that carry secrets are censored here, the
 * sink redacts every serialized line (./redact.ts), and `logError` never logs more of an error
 * than its name, code and redacted message. Import `log` or `logError`; never `console`.
 */
import pino, { type Logger } from "pino";
import { env } from "@/lib/env";
import { configureSink, sinkStream } from "./log-sink";
import { currentRequestId } from "./request-context";

/** Structured fields that carry secrets, wherever they appear (top level or one level down). */
const SECRET_KEYS = [
  "authorization", "cookie", "cookies", "set-cookie", "x-api-key", "token", "accessToken", "access_token", "refreshToken",
  "refresh_token", "idToken", "id_token", "apiKey", "api_key", "key", "secret", "clientSecret", "client_secret",
  "password", "codeVerifier", "code_verifier", "sessionId", "session", "params", "body",
];
const path = (k: string) => (/^[A-Za-z_]\w*$/.test(k) ? [k, `*.${k}`] : [`*["${k}"]`]);
const REDACT_PATHS = SECRET_KEYS.flatMap(path);

type Holder = { logger?: Logger };
const holder = globalThis as typeof globalThis & { __akhrotLogger?: Holder };
const state: Holder = (holder.__akhrotLogger ??= {});

function defaultLevel(): pino.LevelWithSilent {
  const e = env();
  return e.LOG_LEVEL ?? (e.NODE_ENV === "test" ? "silent" : "info");
}

function build(): Logger {
  const e = env();
  configureSink(e.NODE_ENV === "development");
  return pino(
    {
      level: defaultLevel(),
      base: { service: "akhrot" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
    },
    sinkStream,
  );
}

/** The process-wide logger (one instance on globalThis: Next's bundles and the fast path share it). */
export function log(): Logger {
  state.logger ??= build();
  return state.logger;
}

/** Tests: log everything to the captured sink, then put the configured level back. */
export function setLogLevel(level: pino.LevelWithSilent | undefined): void {
  log().level = level ?? defaultLevel();
}
