/**
 * Issue 17: a second account of a provider never becomes the agents' account silently. The
 * person answers here, on the hosted page, with the current default named; keeping it is
 * preselected. The answer travels with the form (paste form) or the Continue post (OAuth).
 */
import { DEFAULT_CHOICE_FIELD } from "@/lib/connect/default-choice";

export function DefaultChoice({ providerName, currentDefault }: { providerName: string; currentDefault: string }) {
  return (
    <fieldset className="mt-6 rounded-lg border border-zinc-200 p-4" data-testid="default-choice">
      <legend className="px-1 text-sm font-medium text-zinc-900">Which {providerName} account do agents get?</legend>
      <p className="text-xs leading-5 text-zinc-600">
        Agents that do not name an account get the default. The default now is <strong className="font-medium text-zinc-900">{currentDefault}</strong>.
      </p>
      <div className="mt-3 space-y-2 text-sm text-zinc-800">
        <label className="flex items-start gap-2">
          <input type="radio" name={DEFAULT_CHOICE_FIELD} value="no" defaultChecked className="mt-1" />
          <span>Keep {currentDefault} as the default</span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name={DEFAULT_CHOICE_FIELD} value="yes" className="mt-1" />
          <span>Make the account I connect now the default</span>
        </label>
      </div>
    </fieldset>
  );
}
