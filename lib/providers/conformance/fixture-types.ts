/** The shape of a conformance fixture: a provider's documented behaviour, as data. */

/** What the local server issued (so a fixture can shape its answer around it). */
export type Issued = { access: string; refresh: string; scope: string };

export type OAuthFixture = {
  authorize: {
    /** Where the scopes travel (`user_scope` for Slack user tokens; `none`: no scopes at all). */
    scopeParam: "scope" | "user_scope" | "none";
    separator: " " | ",";
    /** Parameters the provider needs on the authorize URL (offline access and the like). */
    params?: Record<string, string>;
  };
  token: {
    clientAuth: "basic" | "body";
    format: "form" | "json";
    /** S256: checked when sent; S256-required: refused without it; none: not offered. */
    pkce: "S256" | "S256-required" | "none";
    /** GitHub: form-encoded unless the request sends Accept: application/json. */
    answerFormat?: "json" | "form-unless-accept-json";
    /** The token request must carry a User-Agent matching this (Reddit). */
    requireUserAgent?: RegExp;
    answer: (t: Issued) => Record<string, unknown>;
    /** The refresh answer when it differs from `answer`. */
    refreshAnswer?: (t: Issued) => Record<string, unknown>;
    /** A refresh issues a new refresh token and the old one dies. */
    rotates: boolean;
    /** The documented answer to a dead refresh token, and the words the agent must see. */
    refusal: { status: number; body: Record<string, unknown>; said: string; kind?: "rejected" | "transient" };
  };
  /** The identity call, or "token-answer" when the account comes in the token answer (Notion). */
  identity: "token-answer" | { method: "GET" | "POST"; headers?: Record<string, string>; noBody?: boolean; answer: Record<string, unknown> };
  account: { id: string; label: string };
  /** Non-secret facts the connection must keep (Jira cloudId). */
  metadata?: Record<string, unknown>;
  /** Absent: the provider has no revocation endpoint (the human sees "unsupported"). */
  revocation?: {
    method: "POST" | "DELETE";
    /** Path on the local server; default /revoke. */
    path?: string;
    token: "access" | "refresh";
    as: "form" | "json" | "bearer";
    param?: string;
    clientAuth: "basic" | "body" | "client_id" | "none";
    headers?: Record<string, RegExp>;
    status: number;
    body?: unknown;
  };
};

export type ApiKeyFixture = {
  /** Credential fields as a user pastes them. */
  fields: Record<string, string>;
  /** The documented way the key must arrive; the server answers 401 otherwise. */
  expect: { method: string; path: string; headers?: Record<string, string | RegExp>; body?: RegExp; digest?: { username: string; password: string } };
  /** The documented success answer. */
  ok: { status: number; body: unknown };
  /** The documented refusal of a bad key, and the provider's words the human must see. */
  refused: { status: number; body: unknown; said: string };
};
