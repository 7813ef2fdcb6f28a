/**
 * Which user and key a refused agent call belongs to, when the refusal happened before the
 * handler knew its key: a revoked or expired key (its owner is known from the row) or the
 * per-key rate limit. Kept beside the error, never in its envelope (the agent must not see it).
 */
export type ErrorOwner = { userId: string; apiKeyId: string };

const owners = new WeakMap<object, ErrorOwner>();

export function attributeTo<E>(err: E, owner: ErrorOwner): E {
  if (typeof err === "object" && err !== null) owners.set(err, owner);
  return err;
}

export function ownerOf(err: unknown): ErrorOwner | undefined {
  return typeof err === "object" && err !== null ? owners.get(err) : undefined;
}
