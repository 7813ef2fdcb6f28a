import { describe, expect, it } from "vitest";
import { errorStatus } from "@/lib/api/errors";
import { agentErrors } from "./agent-errors";

describe("agentErrors", () => {
  it("matches the HTTP statuses of the API's error model", () => {
    for (const row of agentErrors) expect([row.code, errorStatus[row.code]]).toEqual([row.code, row.http]);
  });

  it("lists the eleven agent-facing codes of DESIGN.md once each", () => {
    expect(agentErrors.map((r) => r.code)).toEqual([
      "UNAUTHORIZED", "FORBIDDEN", "INVALID_REQUEST", "UNKNOWN_PROVIDER", "PROVIDER_NOT_CONFIGURED",
      "INTEGRATION_NOT_FOUND", "INSUFFICIENT_SCOPE", "TOKEN_EXPIRED", "SESSION_EXPIRED", "PROVIDER_ERROR", "RATE_LIMITED",
    ]);
  });
});
