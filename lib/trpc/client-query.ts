/**
 * A dashboard read in a client component with plain React state (no query cache): what
 * react-query gave these pages, cut to what they use.
 */
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { asApiError, trpc, type ApiClient, type ApiClientError } from "./client";

type Answer<T> = { key: string; data?: T; error?: ApiClientError };

export type ClientQuery<T> = {
  /** The answer for the current key, once it came. */
  data: T | undefined;
  error: ApiClientError | null;
  /** No answer yet for the current key: show a skeleton. */
  loading: boolean;
  /** A request for the current key is out (the first one or a reload). */
  fetching: boolean;
  /** Ask again, keeping the current answer on screen until the new one arrives. */
  reload: () => Promise<void>;
  /** Edit the current answer in place, e.g. drop a row the server just deleted. */
  setData: (edit: (data: T) => T) => void;
};

/**
 * Calls `load` on mount and whenever `key` (what `load` asks for, e.g. the filters) changes.
 * Only the latest request may answer, so a slow response for an older key never wins.
 */
export function useClientQuery<T>(key: string, load: (api: ApiClient) => Promise<T>): ClientQuery<T> {
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const [reloads, setReloads] = useState(0);
  const latest = useRef(0);

  async function fetchAnswer(): Promise<void> {
    const id = ++latest.current;
    let next: Answer<T>;
    try {
      next = { key, data: await load(await trpc()) };
    } catch (e) {
      next = { key, error: asApiError(e) };
    }
    if (id === latest.current) setAnswer(next);
  }
  const onKey = useEffectEvent(() => void fetchAnswer());
  useEffect(() => onKey(), [key]);

  async function reload(): Promise<void> {
    setReloads((n) => n + 1);
    try {
      await fetchAnswer();
    } finally {
      setReloads((n) => n - 1);
    }
  }

  const current = answer?.key === key ? answer : null;
  return {
    data: current?.data,
    error: current?.error ?? null,
    loading: !current,
    fetching: !current || reloads > 0,
    reload,
    setData: (edit) => setAnswer((a) => (a?.data === undefined ? a : { ...a, data: edit(a.data) })),
  };
}
