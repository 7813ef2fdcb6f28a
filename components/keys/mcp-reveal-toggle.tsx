"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonDanger, buttonGhost, buttonSecondary } from "@/components/ui/styles";
import { useClientAction } from "@/lib/trpc/client-action";

/**
 * "May reveal credentials to MCP clients" for one key. Turning it on asks first and says why
 * it is risky: whatever an MCP tool returns lands in the model's context and the client's
 * transcripts. Turning it off is one click.
 */
export function McpRevealToggle({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  const router = useRouter();
  const action = useClientAction();
  const [confirming, setConfirming] = useState(false);

  function set(next: boolean) {
    action.run(async (api) => {
      try {
        await api.apiKeys.setMcpReveal.mutate({ id, enabled: next });
        setConfirming(false);
      } finally {
        router.refresh();
      }
    });
  }

  if (enabled) {
    return (
      <div className="flex flex-wrap items-center justify-end gap-2">
        <span className="text-xs font-medium text-amber-800">MCP may reveal credentials</span>
        <button type="button" onClick={() => set(false)} className={buttonGhost} disabled={action.pending} aria-label={`Turn off MCP credentials for ${name}`}>
          {action.pending ? "Saving…" : "Turn off"}
        </button>
      </div>
    );
  }
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className={`${buttonSecondary} px-3 py-1.5`} aria-label={`Allow MCP credentials for ${name}`}>
        Allow MCP credentials
      </button>
    );
  }
  return (
    <div role="group" aria-label={`Confirm MCP credential access for ${name}`} className="flex max-w-sm flex-col items-end gap-2">
      <p role="note" className="text-right text-xs text-amber-900">
        MCP clients using this key will be able to read access tokens and API keys (get_credential). They enter the AI model&apos;s context and the client&apos;s logs, where a prompt injection could leak them. Leave it off unless the agent needs raw credentials.
      </p>
      <div className="flex gap-2">
        <button type="button" onClick={() => setConfirming(false)} className={buttonGhost} disabled={action.pending}>
          Cancel
        </button>
        <button type="button" onClick={() => set(true)} className={buttonDanger} disabled={action.pending} aria-label={`Allow MCP credential access for ${name}`}>
          {action.pending ? "Saving…" : "Allow"}
        </button>
      </div>
      {action.error && (
        <span role="alert" className="text-xs text-rose-700">
          {action.error.message}
        </span>
      )}
    </div>
  );
}
