/** A dashboard mutation in a client component: pending and error as plain React state. */
import { useState, useTransition } from "react";
import { asApiError, trpc, type ApiClient, type ApiClientError } from "./client";

export type ClientAction = {
  /** True from `run` until the action and the renders it started (e.g. a refresh) are done. */
  pending: boolean;
  /** The last run's failure, until the next run or `reset`. */
  error: ApiClientError | null;
  run: (action: (api: ApiClient) => Promise<void>) => void;
  reset: () => void;
};

export function useClientAction(): ClientAction {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ApiClientError | null>(null);
  function run(action: (api: ApiClient) => Promise<void>) {
    setError(null);
    startTransition(async () => {
      try {
        await action(await trpc());
      } catch (e) {
        setError(asApiError(e));
      }
    });
  }
  return { pending, error, run, reset: () => setError(null) };
}
