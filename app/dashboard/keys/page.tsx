import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { KeysManager } from "@/components/keys/keys-manager";
import { requireUser } from "@/lib/auth";
import { providers } from "@/lib/providers";
import { serverApi } from "@/lib/trpc/server";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

// /dashboard/keys – mint, list and revoke agent keys.
export default async function KeysPage() {
  await requireUser();
  const keys = await (await serverApi()).apiKeys.list();
  const options = providers.map((p) => ({ code: p.code, name: p.name }));
  return (
    <>
      <PageHeader
        title="API keys"
        description="Agents authenticate to Akhrot with these keys. A key can be limited to some providers and set to expire; it is shown once, when you create it. MCP clients you allowed through OAuth (claude.ai, ChatGPT) are listed here too; revoke one to sign it out."
      />
      <KeysManager keys={keys} providers={options} />
    </>
  );
}
