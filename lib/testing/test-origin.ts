/** The origin tests give route handlers (APP_URL in lib/testing/setup-env.ts). */
export const TEST_BASE = "http://localhost:3000";

/** Headers a browser sends on a same-origin form post from one of our pages. */
export const SAME_ORIGIN = { origin: TEST_BASE, "sec-fetch-site": "same-origin" } as const;
