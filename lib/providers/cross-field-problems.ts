/** Catalog checks zod's shape cannot express (used by `providerSchema` and the catalog test). */
import type { Provider } from "./provider-schema";
import { isTokenPlaceholder, templatePlaceholders } from "./template-placeholders";

function duplicates(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

/** Each problem is one human-readable message; [] means the entry is consistent. */
export function crossFieldProblems(p: Provider): string[] {
  const problems: string[] = [];
  const where = `${p.code}:`;
  for (const code of duplicates(p.services.map((s) => s.code))) problems.push(`${where} duplicate service ${code}`);

  const isMtproto = p.authType === "mtproto";
  for (const s of p.services) {
    if ((s.baseUrl === null) !== isMtproto) problems.push(`${where} ${s.code} baseUrl must be null iff MTProto`);
    for (const e of s.endpoints) {
      if ((e.method === "RPC") !== isMtproto) problems.push(`${where} ${s.code} ${e.path}: RPC iff MTProto`);
    }
  }

  const fieldNames = p.authType === "oauth2" ? [] : p.credentialFields.map((f) => f.name);
  const allowed = (name: string) => isTokenPlaceholder(name) || fieldNames.includes(name);
  const templates: string[] = p.services.flatMap((s) => (s.baseUrl === null ? [] : [s.baseUrl]));
  if (p.authType !== "mtproto") {
    templates.push(p.api.baseUrl, p.api.auth.format, ...Object.values(p.api.extraHeaders ?? {}));
  }
  if (p.authType === "api_key") {
    templates.push(p.usage.baseUrl, p.usage.format, ...Object.values(p.usage.extraHeaders ?? {}));
  }
  for (const t of templates) {
    for (const name of templatePlaceholders(t)) {
      if (!allowed(name)) problems.push(`${where} unknown placeholder {${name}} in "${t}"`);
    }
  }

  if (p.authType === "oauth2") {
    const o = p.oauth;
    for (const dup of duplicates(o.scopes)) problems.push(`${where} duplicate scope ${dup}`);
    const granted = new Set(o.scopes);
    for (const scope of o.defaultScopes) {
      if (!granted.has(scope)) problems.push(`${where} default scope ${scope} not in scopes`);
    }
    for (const s of p.services) {
      for (const scope of s.scopes) {
        if (!granted.has(scope)) problems.push(`${where} ${s.code} scope ${scope} not in scopes`);
      }
    }
    if ((o.revokeUrl === undefined) !== (o.revocation === undefined)) problems.push(`${where} revokeUrl and revocation go together`);
    for (const t of o.revocation?.tokens ?? []) {
      if ((t.as === "bearer") !== (t.param === undefined)) problems.push(`${where} revocation ${t.kind}: a param iff sent as form/json`);
    }
    for (const q of duplicates(o.quirks)) problems.push(`${where} duplicate quirk ${q}`);
    const idQuirk = o.identity.quirk;
    if (idQuirk !== undefined && !o.quirks.includes(idQuirk)) problems.push(`${where} identity quirk not in quirks`);
    if (idQuirk === undefined && o.userinfoUrl === undefined) problems.push(`${where} identity needs userinfoUrl`);
    return problems;
  }

  for (const dup of duplicates(fieldNames)) problems.push(`${where} duplicate field ${dup}`);
  for (const s of p.services) {
    if (s.scopes.length > 0) problems.push(`${where} ${s.code}: only OAuth services name scopes`);
  }
  for (const f of p.credentialFields) {
    if (f.pattern !== undefined && !compiles(f.pattern)) problems.push(`${where} ${f.name} pattern does not compile`);
    if (f.pattern !== undefined && f.patternHint === undefined) problems.push(`${where} ${f.name} needs a patternHint`);
  }
  const tokenField = p.credentialFields.find((f) => f.name === p.accessTokenField);
  if (tokenField === undefined || !tokenField.secret) problems.push(`${where} accessTokenField must be a secret field`);
  if (p.authType === "api_key") {
    for (const name of (p.requireOneOf ?? []).flat()) {
      if (!fieldNames.includes(name)) problems.push(`${where} requireOneOf names unknown field ${name}`);
    }
    const check = p.verify;
    for (const name of [...(check?.variants ?? []).map((v) => v.field), ...(check?.digest ? [check.digest.username, check.digest.password] : [])]) {
      if (!fieldNames.includes(name)) problems.push(`${where} verify names unknown field ${name}`);
    }
    const variants = p.usage.baseUrlVariants;
    if (variants !== undefined) {
      const options = p.credentialFields.find((f) => f.name === variants.field)?.options ?? [];
      const keys = Object.keys(variants.values);
      if (options.length === 0 || keys.join() !== options.join()) {
        problems.push(`${where} baseUrlVariants must cover exactly the options of ${variants.field}`);
      }
    }
  }
  return problems;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
