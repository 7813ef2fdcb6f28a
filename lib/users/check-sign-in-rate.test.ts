import { afterEach, describe, expect, it } from "vitest";
import { resetLimiter, SIGN_IN_ATTEMPTS } from "@/lib/ratelimit";
import { checkSignInRate } from "./check-sign-in-rate";

afterEach(() => resetLimiter());

describe("password sign-in throttling", () => {
  it(`allows ${SIGN_IN_ATTEMPTS} attempts per email, then refuses with a wait time; other emails unaffected`, async () => {
    const email = `Throttle-${Date.now()}-${Math.random()}@Example.test`;
    for (let i = 0; i < SIGN_IN_ATTEMPTS; i++) expect(await checkSignInRate(email)).toBeUndefined();
    expect(await checkSignInRate(email.toLowerCase())).toMatch(/^Too many sign-in attempts for this email\. Try again in \d+ minutes?\.$/);
    expect(await checkSignInRate(`other-${email}`)).toBeUndefined();
  });
});
