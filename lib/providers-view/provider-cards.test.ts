import { describe, expect, it } from "vitest";
import type { ContextConnection } from "@/lib/context";
import { categories, oauthEnvVarNames, providers, type Provider } from "@/lib/providers";
import type { Readiness } from "@/lib/readiness/provider-readiness";
import { brandIcon } from "./brand-icons";
import { matchesQuery } from "./match-query";
import { monogram, providerGroups } from "./provider-cards";
import { providerStatus } from "./provider-status";

function connection(overrides: Partial<ContextConnection>): ContextConnection {
  return { id: "c", provider: "google", accountId: "123", accountLabel: "ada@example.com", scopes: [], status: "active", isDefault: true, expiresAt: null, ...overrides };
}

/** API-key providers, plus the listed ones (lib/readiness's rule, with the env replaced by a list). */
const configuredOnly =
  (codes: string[]) =>
  (p: Provider): Readiness => {
    if (p.authType === "api_key" || codes.includes(p.code)) return { ready: true };
    const names = oauthEnvVarNames(p.code);
    const envVars = p.authType === "mtproto" ? ["TELEGRAM_API_ID", "TELEGRAM_API_HASH"] : [names.clientId, names.clientSecret];
    return { ready: false, envVars, message: `${p.name} is not configured` };
  };
const everyReady = (): Readiness => ({ ready: true });

describe("providerGroups", () => {
  const groups = providerGroups(providers, [], configuredOnly(["github"]));
  const cards = groups.flatMap((g) => g.cards);

  it("has every provider once, grouped in the catalog's category order", () => {
    expect(cards.map((c) => c.code).sort()).toEqual(providers.map((p) => p.code).sort());
    expect(cards).toHaveLength(37);
    const order = groups.map((g) => categories.indexOf(g.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const g of groups) expect(g.cards.every((c) => c.category === g.category)).toBe(true);
  });

  it("has a simple-icons mark for every iconSlug and a monogram otherwise", () => {
    for (const p of providers) {
      const card = cards.find((c) => c.code === p.code);
      if (p.iconSlug === null) expect(card?.icon).toBeNull();
      else expect(card?.icon).toMatchObject({ slug: p.iconSlug, hex: expect.stringMatching(/^[0-9A-F]{6}$/), path: expect.stringMatching(/^[Mm]/) });
    }
    expect(brandIcon(null)).toBeUndefined();
    expect(monogram("SendGrid")).toBe("S");
    expect(monogram("X (Twitter)")).toBe("X");
    expect(monogram("Acme Cloud-Run")).toBe("AC");
  });

  it("disables Connect for unconfigured OAuth providers and Telegram, naming their env vars", () => {
    expect(cards.find((c) => c.code === "github")?.connect).toEqual({ enabled: true });
    expect(cards.find((c) => c.code === "x-twitter")?.connect).toEqual({ enabled: false, envVars: ["OAUTH_X_TWITTER_CLIENT_ID", "OAUTH_X_TWITTER_CLIENT_SECRET"] });
    expect(cards.find((c) => c.code === "openai")?.connect).toEqual({ enabled: true });
    expect(cards.find((c) => c.code === "telegram")?.connect).toEqual({ enabled: false, envVars: ["TELEGRAM_API_ID", "TELEGRAM_API_HASH"] });
  });

  it("gives each card only its own provider's status", () => {
    const withGoogle = providerGroups(providers, [connection({})], everyReady).flatMap((g) => g.cards);
    expect(withGoogle.find((c) => c.code === "google")?.status.text).toBe("Connected as ada@example.com");
    expect(withGoogle.filter((c) => c.status.kind !== "not_connected").map((c) => c.code)).toEqual(["google"]);
  });
});

describe("providerStatus", () => {
  it.each([
    [[], "not_connected", "Not connected", null],
    [[connection({})], "connected", "Connected as ada@example.com", null],
    [[connection({ accountLabel: null })], "connected", "Connected as 123", null],
    [[connection({}), connection({ id: "d", isDefault: false })], "connected", "2 accounts", null],
    [[connection({}), connection({ id: "d", status: "needs_reauth" })], "connected", "2 accounts", "1 needs re-authorization"],
    [[connection({ status: "needs_reauth" })], "needs_reauth", "Needs re-authorization", null],
  ] as const)("%#: %s", (conns, kind, text, detail) => {
    expect(providerStatus(conns)).toEqual({ kind, text, detail });
  });
});

describe("matchesQuery", () => {
  const searchTexts = providerGroups(providers, [], everyReady).flatMap((g) => g.cards.map((c) => [c.code, c.searchText] as const));
  const matching = (q: string) => searchTexts.filter(([, text]) => matchesQuery(text, q)).map(([code]) => code);

  it.each([
    ["git", ["github", "gitlab"]],
    ["GIT  hub", ["github"]],
    ["gmail", ["google"]],
    ["x-twitter", ["x-twitter"]],
    ["zzz", []],
  ])("%s", (q, codes) => {
    expect(matching(q)).toEqual(codes);
  });

  it("matches categories and keeps everything for a blank query", () => {
    expect(matching("payments")).toEqual(["stripe"]);
    expect(matching("   ")).toHaveLength(37);
  });
});
