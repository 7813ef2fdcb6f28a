import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts } from "@/db/schema";
import { testDb, uniqueEmail } from "@/lib/testing/fixtures";
import { vaultAdapter } from "./adapter";

describe("vaultAdapter", () => {
  it("gives social sign-in users usr_ ids and stores no sign-in tokens", async () => {
    const db = await testDb();
    const adapter = vaultAdapter(db);
    const user = await adapter.createUser?.({ id: "ignored-uuid", email: uniqueEmail("social"), emailVerified: null, name: "Social" });
    expect(user?.id).toMatch(/^usr_/);
    if (!user) return;

    await adapter.linkAccount?.({
      userId: user.id,
      type: "oauth",
      provider: "github",
      providerAccountId: `gh-${user.id}`,
      access_token: "gho_live_access_token",
      refresh_token: "ghr_live_refresh_token",
      id_token: "eyJ.live.id_token",
      token_type: "bearer",
      scope: "read:user user:email",
    });

    const [row] = await db.select().from(accounts).where(eq(accounts.userId, user.id));
    expect(row).toMatchObject({ provider: "github", providerAccountId: `gh-${user.id}`, scope: "read:user user:email" });
    expect(row?.access_token).toBeNull();
    expect(row?.refresh_token).toBeNull();
    expect(row?.id_token).toBeNull();
    expect((await adapter.getUserByAccount?.({ provider: "github", providerAccountId: `gh-${user.id}` }))?.id).toBe(user.id);
  });
});
