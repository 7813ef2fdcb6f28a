import { parseArgs } from "node:util";
import { closeDb, getDb } from "@/db";
import { migrate } from "@/db/migrate";
import { findApiKeyById, listApiKeysForUser } from "@/db/queries/api-keys";
import { findUserByEmail, setPasswordHash } from "@/db/queries/users";
import { createApiKey, maskApiKey, parseDuration, revokeApiKey } from "@/lib/api-keys";
import { isProviderCode } from "@/lib/providers";
import { createUser, credentialsSchema, hashPassword } from "@/lib/users/create-user";
import { describeIssues } from "@/lib/api/read-json";
import { currentKeyId } from "@/lib/crypto";
import { encryptionStatus } from "@/lib/connections/encryption-status";
import { rotateEncryption } from "@/lib/connections/rotate-encryption";
import { settleDeliveryKicks } from "@/lib/webhooks";
import { ORG_USAGE, OrgCliError, runOrgCommand } from "./org-commands";
import { runWebhookCommand, WEBHOOK_USAGE, WebhookCliError } from "./webhook-commands";

const USAGE = `usage: npm run akhrot -- <command>
  user create --email E --password P
  user set-password --email E --password P   (signs out every session of that user)
  key create --email E --name N [--providers a,b] [--expires-in 30d]
  key list --email E
  key revoke --id ID
  encryption status     (stored secrets per encryption key id; a key id still in use must stay configured)
  encryption rotate     (re-encrypt every secret under AKHROT_ENCRYPTION_KEY; keep the old key in AKHROT_ENCRYPTION_KEYS_OLD until it finishes)
${ORG_USAGE}
${WEBHOOK_USAGE}`;

export class CliError extends Error {}

type Out = { log: (line: string) => void; err: (line: string) => void };

function opts(args: string[], spec: Record<string, { type: "string" }>) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values as Record<string, string | undefined>;
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
}

function required(values: Record<string, string | undefined>, name: string): string {
  const v = values[name];
  if (!v) throw new CliError(`--${name} is required`);
  return v;
}

async function userByEmail(email: string) {
  const user = await findUserByEmail(await getDb(), email);
  if (!user) throw new CliError(`no user with email ${email}; create one with: user create --email ${email} --password …`);
  return user;
}

async function dispatch(argv: string[], out: Out): Promise<void> {
  const [noun, verb, ...rest] = argv;
  const db = await getDb();
  const cmd = `${noun ?? ""} ${verb ?? ""}`;
  if (cmd === "user create") {
    const v = opts(rest, { email: { type: "string" }, password: { type: "string" } });
    const parsed = credentialsSchema.safeParse({ email: required(v, "email"), password: required(v, "password") });
    if (!parsed.success) throw new CliError(describeIssues(parsed.error.issues));
    // The operator vouches for the address: the account may act at once, in every AKHROT_SIGNUP mode.
    const result = await createUser(db, { ...parsed.data, verified: true });
    if (!result.ok) throw new CliError(`a user with email ${parsed.data.email} already exists`);
    out.log(`created user ${result.user.id} <${result.user.email}>`);
  } else if (cmd === "user set-password") {
    const v = opts(rest, { email: { type: "string" }, password: { type: "string" } });
    const parsed = credentialsSchema.shape.password.safeParse(required(v, "password"));
    if (!parsed.success) throw new CliError(describeIssues(parsed.error.issues));
    const user = await userByEmail(required(v, "email"));
    await setPasswordHash(db, user.id, await hashPassword(parsed.data));
    out.log(`set a new password for ${user.email}; every session of that user has ended`);
  } else if (cmd === "key create") {
    const v = opts(rest, { email: { type: "string" }, name: { type: "string" }, providers: { type: "string" }, "expires-in": { type: "string" } });
    const user = await userByEmail(required(v, "email"));
    const name = required(v, "name").trim();
    if (name.length > 80) throw new CliError("--name must be at most 80 characters");
    const providers = v.providers ? v.providers.split(",").map((p) => p.trim()).filter(Boolean) : null;
    const unknown = providers?.filter((p) => !isProviderCode(p)) ?? [];
    if (unknown.length) throw new CliError(`unknown provider code(s): ${unknown.join(", ")}`);
    let expiresAt: Date | null = null;
    if (v["expires-in"]) {
      const ms = parseDuration(v["expires-in"]);
      if (!ms) throw new CliError("--expires-in takes a duration like 90m, 12h, 30d or 2w");
      expiresAt = new Date(Date.now() + ms);
    }
    const { key, row } = await createApiKey(db, { userId: user.id, name, providers, expiresAt });
    out.err(`created key ${row.id} "${row.name}" for ${user.email}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ""}; it is shown only now:`);
    out.log(key);
  } else if (cmd === "key list") {
    const v = opts(rest, { email: { type: "string" } });
    const user = await userByEmail(required(v, "email"));
    const keys = await listApiKeysForUser(db, user.id);
    if (!keys.length) out.log("no keys");
    for (const k of keys) {
      const status = k.revokedAt ? "revoked" : k.expiresAt && k.expiresAt <= new Date() ? "expired" : "active";
      out.log(
        [k.id, maskApiKey(k.lastFour), JSON.stringify(k.name), status, `created=${k.createdAt.toISOString()}`, `last_used=${k.lastUsedAt?.toISOString() ?? "never"}`, `expires=${k.expiresAt?.toISOString() ?? "never"}`, `providers=${k.providers?.join(",") ?? "all"}`].join("\t"),
      );
    }
  } else if (cmd === "key revoke") {
    const v = opts(rest, { id: { type: "string" } });
    const id = required(v, "id");
    const revoked = await revokeApiKey(db, id);
    if (revoked) out.log(`revoked ${id}`);
    else if (await findApiKeyById(db, id)) out.log(`${id} was already revoked`);
    else throw new CliError(`no key with id ${id}`);
  } else if (cmd === "encryption status") {
    const usage = await encryptionStatus(db);
    const label = { current: "current (AKHROT_ENCRYPTION_KEY)", old: "old (AKHROT_ENCRYPTION_KEYS_OLD)", missing: "NOT CONFIGURED: these secrets cannot be read" } as const;
    for (const u of usage) out.log(`${u.keyId}  ${String(u.secrets).padStart(8)}  ${label[u.state]}`);
    const missing = usage.filter((u) => u.state === "missing");
    if (missing.length) throw new CliError(`secrets are sealed under key id(s) ${missing.map((u) => u.keyId).join(", ")}, which this instance does not have: add those keys to AKHROT_ENCRYPTION_KEYS_OLD, then run encryption rotate`);
    const old = usage.filter((u) => u.state === "old" && u.secrets > 0);
    out.log(old.length ? "run `encryption rotate` before dropping an old key that still seals secrets" : "every secret is under the current key: old keys can be dropped");
  } else if (cmd === "encryption rotate") {
    opts(rest, {});
    const r = await rotateEncryption(db);
    out.log(`re-encrypted ${r.connections} connection(s) and ${r.sessions} connect session(s) under key ${currentKeyId()}`);
    if (r.unreadable) out.err(`akhrot: ${r.unreadable} row(s) could not be decrypted with any configured key and were left as they are`);
  } else if (!(await runOrgCommand(db, argv, out)) && !(await runWebhookCommand(db, argv, out))) {
    throw new CliError(USAGE);
  }
}

/**
 * Run one CLI command; returns the exit code. Migrates first so a fresh database works.
 * The process entry point closes the database after (`close: true`): PGlite's folder lock is
 * released and postgres.js lets the process exit.
 */
export async function runCli(argv: string[], out: Out = { log: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) }, opts: { close?: boolean } = {}): Promise<number> {
  try {
    await migrate();
    await dispatch(argv, out);
    return 0;
  } catch (e) {
    const known = e instanceof CliError || e instanceof OrgCliError || e instanceof WebhookCliError;
    out.err(known ? `akhrot: ${e.message}` : `akhrot: ${e instanceof Error ? e.message : String(e)}`);
    return known ? 2 : 1;
  } finally {
    // An event this command emitted (key create/revoke) is being delivered in the background.
    await settleDeliveryKicks();
    if (opts.close) await closeDb().catch(() => {});
  }
}
