/**
 * S16 (SECURITY-REVIEW.md): facts from a token answer reach `connections.metadata` (plaintext)
 * only through a per-provider allow-list, so nested secrets (Discord's webhook token and URL)
 * and personal data never do. Through the real save and the real database.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { connections } from "@/db/schema";
import { saveOAuthConnection } from "@/lib/connections/save-oauth-connection";
import { toTokenSet } from "@/lib/oauth/token-set";
import { makeUser, testDb } from "@/lib/testing/fixtures";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

async function storedMetadataText(id: string): Promise<string> {
  const [row] = await db.select({ text: sql<string>`${connections.metadata}::text` }).from(connections).where(eq(connections.id, id));
  return row?.text ?? "";
}

describe("S16: token-answer extras", () => {
  it("S16: a Discord webhook's token and url never reach connections.metadata; its ids do", async () => {
    const user = await makeUser(db);
    const answer = {
      access_token: "at-discord",
      refresh_token: "rt-discord",
      token_type: "Bearer",
      expires_in: 604800,
      scope: "identify webhook.incoming",
      webhook: { id: "1", token: "CANARY", url: "https://discord.com/api/webhooks/1/CANARY", channel_id: "2", guild_id: "3", name: "agent" },
      guild: { id: "3", name: "Guild", owner_id: "4", roles: [{ id: "5" }] },
      user: { email: "pii@example.test" },
    };
    const row = await saveOAuthConnection(db, {
      userId: user.id,
      provider: "discord",
      tokens: toTokenSet(answer, " "),
      identity: { accountId: "4", label: "someone", email: null, emailVerified: false, metadata: {} },
      requestedScopes: [],
    });
    const text = await storedMetadataText(row.id);
    expect(text).not.toContain("CANARY");
    expect(text).not.toContain("pii@example.test");
    expect(row.metadata).toEqual({ webhook: { id: "1", channel_id: "2", guild_id: "3", name: "agent" }, guild: { id: "3", name: "Guild" } });
  });

  it("S16: Slack keeps its team and Notion its workspace; a provider without a list keeps nothing", async () => {
    const user = await makeUser(db);
    const save = (provider: string, answer: Record<string, unknown>) =>
      saveOAuthConnection(db, { userId: user.id, provider, tokens: toTokenSet({ access_token: "at", ...answer }, " "), identity: { accountId: provider, label: null, email: null, emailVerified: false, metadata: {} }, requestedScopes: [] });
    const slack = await save("slack", { team: { id: "T1", name: "Team" }, incoming_webhook: { url: "https://hooks.slack.com/services/SECRET" }, authed_user: { id: "U1", access_token: "xoxp-SECRET" } });
    expect(slack.metadata).toEqual({ team: { id: "T1", name: "Team" }, authed_user: { id: "U1" } });
    const notion = await save("notion", { workspace_id: "W1", workspace_name: "Acme", owner: { type: "user", user: { person: { email: "pii@example.test" } } } });
    expect(notion.metadata).toEqual({ workspace_id: "W1", workspace_name: "Acme", owner: { type: "user" } });
    expect((await save("github", { installation: { access_tokens_url: "https://x/SECRET" } })).metadata).toEqual({});
  });
});
