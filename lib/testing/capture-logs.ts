import { setLogLevel, setLogSink } from "@/lib/log";

export type CapturedLogs = {
  /** Every line written since capture began, as written (already redacted), one JSON object each. */
  lines: string[];
  text: () => string;
  entries: () => Record<string, unknown>[];
  restore: () => void;
};

/** Capture the logger's output at trace level (everything it would ever write) instead of stdout. */
export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const restoreSink = setLogSink((line) => void lines.push(line));
  setLogLevel("trace");
  return {
    lines,
    text: () => lines.join(""),
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    restore: () => {
      restoreSink();
      setLogLevel(undefined);
    },
  };
}
