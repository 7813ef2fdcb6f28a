"use client";

import { input, label } from "@/components/ui/styles";
import { toOutcome, type Outcome } from "./outcome-filter";

export type Filters = { provider: string; apiKeyId: string; outcome: Outcome };
type Options = { providers: { code: string; name: string }[]; keys: { id: string; name: string; masked: string; revoked: boolean }[] };

type Props = { value: Filters; options: Options | undefined; onChange: (next: Filters) => void };

/** Provider, key and outcome selects; a value from the URL stays selectable while the options load. */
export function ActivityFilters({ value, options, onChange }: Props) {
  const providers = options?.providers ?? [];
  const keys = options?.keys ?? [];
  const strayProvider = value.provider && !providers.some((p) => p.code === value.provider);
  const strayKey = value.apiKeyId && !keys.some((k) => k.id === value.apiKeyId);
  return (
    <div className="grid gap-3 sm:grid-cols-3 lg:max-w-3xl" role="group" aria-label="Filter activity">
      <div className="space-y-1.5">
        <label htmlFor="activity-provider" className={label}>
          Provider
        </label>
        <select id="activity-provider" value={value.provider} onChange={(e) => onChange({ ...value, provider: e.target.value })} className={`${input} pr-8`}>
          <option value="">All providers</option>
          {strayProvider && <option value={value.provider}>{value.provider}</option>}
          {providers.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="activity-key" className={label}>
          Key
        </label>
        <select id="activity-key" value={value.apiKeyId} onChange={(e) => onChange({ ...value, apiKeyId: e.target.value })} className={`${input} pr-8`}>
          <option value="">All keys</option>
          {strayKey && <option value={value.apiKeyId}>Selected key</option>}
          {keys.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name} ({k.masked}){k.revoked ? " – revoked" : ""}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="activity-outcome" className={label}>
          Outcome
        </label>
        <select id="activity-outcome" value={value.outcome} onChange={(e) => onChange({ ...value, outcome: toOutcome(e.target.value) })} className={`${input} pr-8`}>
          <option value="">Successes and failures</option>
          <option value="success">Successes only</option>
          <option value="failure">Failures only</option>
        </select>
      </div>
    </div>
  );
}
