import type { CredentialField } from "@/lib/providers";

export type FieldErrors = Record<string, string>;
export type ValidatedFields = { ok: true; fields: Record<string, string> } | { ok: false; errors: FieldErrors };

type Shape = { name: string; credentialFields: readonly CredentialField[]; requireOneOf?: readonly (readonly string[])[] };

/**
 * Check pasted credentials against the catalog's field definitions: required fields, format
 * patterns (with the catalog's hint, e.g. "OpenAI keys start with sk-"), option lists, and
 * "one of these groups" rules (MongoDB: a connection string or an Atlas key pair).
 * Messages never echo the value.
 */
export function validateCredentialFields(provider: Shape, input: Record<string, unknown>): ValidatedFields {
  const errors: FieldErrors = {};
  const fields: Record<string, string> = {};
  for (const f of provider.credentialFields) {
    const raw = input[f.name];
    const value = typeof raw === "string" ? raw.trim() : "";
    if (!value) {
      if (f.required) errors[f.name] = `${f.label} is required.`;
      continue;
    }
    if (value.length > 4096) errors[f.name] = `${f.label} is too long.`;
    else if (f.options && !f.options.includes(value)) errors[f.name] = `${f.label} must be one of: ${f.options.join(", ")}.`;
    else if (f.pattern && !new RegExp(`^(?:${f.pattern})$`).test(value)) errors[f.name] = f.patternHint ? `${f.label} does not look right: ${f.patternHint}.` : `${f.label} is not in the expected format.`;
    else fields[f.name] = value;
  }
  if (provider.requireOneOf && !Object.keys(errors).length) {
    const complete = provider.requireOneOf.some((group) => group.every((name) => fields[name]));
    if (!complete) {
      const labels = provider.requireOneOf.map((g) => g.map((n) => provider.credentialFields.find((f) => f.name === n)?.label ?? n).join(" + "));
      errors._form = `${provider.name} needs one of: ${labels.join(", or ")}.`;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, fields };
}
