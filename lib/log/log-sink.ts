/**
 * Where log lines go. Production: JSON lines on stdout. Development: one readable line per
 * entry (a tiny formatter, no worker threads, so it works inside Next's bundle). Tests swap
 * the sink to capture what would have been written. Every line is redacted on its way out.
 */
import { redactLine } from "./redact-line";

export type LogSink = (line: string) => void;

type Holder = { sink?: LogSink; pretty?: boolean };
const holder = globalThis as typeof globalThis & { __akhrotLogSink?: Holder };
const state: Holder = (holder.__akhrotLogSink ??= {});

const LEVEL_WIDTH = 5;

/** `10:04:05.123 WARN  message  where=… reqId=…` from one JSON line. */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, msg, ...rest } = entry;
  delete rest.pid;
  delete rest.hostname;
  delete rest.service;
  const clock = typeof time === "string" ? time.slice(11, 23) : "";
  const fields = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  return `${clock} ${String(level ?? "").toUpperCase().padEnd(LEVEL_WIDTH)} ${String(msg ?? "")}${fields ? `  ${fields}` : ""}\n`;
}

export function configureSink(pretty: boolean): void {
  state.pretty = pretty;
}

/** Tests: capture lines (already redacted); returns a function that restores stdout. */
export function setLogSink(sink: LogSink | undefined): () => void {
  const previous = state.sink;
  state.sink = sink;
  return () => {
    state.sink = previous;
  };
}

/** pino's destination: any object with write(). */
export const sinkStream = {
  write(line: string): void {
    const safe = redactLine(line);
    if (state.sink) return state.sink(safe);
    process.stdout.write(state.pretty ? prettyLine(safe) : safe);
  },
};
