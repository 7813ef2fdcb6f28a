/**
 * When a failed delivery is tried again: Standard Webhooks' schedule (and Svix's), measured
 * from the previous attempt. The first attempt is immediate; after the last retry the
 * delivery is given up (status `failed`), about 28 hours after the event.
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#deliverability-and-reliability
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
export const RETRY_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR] as const;

/** The delay before attempt `attemptsMade + 1`, or null when the schedule is spent. */
export function nextRetryDelayMs(attemptsMade: number): number | null {
  return RETRY_DELAYS_MS[attemptsMade - 1] ?? null;
}
