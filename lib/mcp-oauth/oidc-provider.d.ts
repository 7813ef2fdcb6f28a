// The slice of oidc-provider 9 that lib/mcp-oauth uses. The package ships no type declarations.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  type Json = Record<string, unknown>;

  export interface ClientRecord {
    clientId: string;
    clientName?: string;
    redirectUris: string[];
    grantTypeAllowed(type: string): boolean;
  }
  export interface InteractionRecord {
    uid: string;
    exp: number;
    returnTo: string;
    prompt: { name: string; reasons: string[]; details: Json };
    params: Json & { client_id?: string; redirect_uri?: string; resource?: string | string[]; scope?: string };
    result?: Json;
    grantId?: string;
    session?: { accountId?: string; uid?: string };
    save(ttl: number): Promise<string>;
  }
  export interface GrantRecord {
    jti: string;
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(ttl?: number): Promise<string>;
    destroy(): Promise<void>;
  }
  export interface AccessTokenRecord {
    jti: string;
    accountId: string;
    clientId: string;
    grantId: string;
    aud?: string | string[];
    scope?: string;
    exp: number;
    isExpired: boolean;
  }
  export interface KoaLikeContext {
    method: string;
    path: string;
    status: number;
    body: unknown;
    type: string;
    set(field: string, value: string): void;
    get(field: string): string;
    oidc?: { client?: ClientRecord; body?: Json };
  }

  export default class Provider {
    constructor(issuer: string, configuration: Json);
    issuer: string;
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: (ctx: KoaLikeContext, next: () => Promise<void>) => Promise<void>): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    Client: { find(id: string): Promise<ClientRecord | undefined> };
    Interaction: { find(id: string): Promise<InteractionRecord | undefined> };
    Grant: {
      new (init: { accountId: string; clientId: string }): GrantRecord;
      find(id: string): Promise<GrantRecord | undefined>;
    };
    AccessToken: { find(value: string): Promise<AccessTokenRecord | undefined> };
  }

  export const errors: {
    InvalidTarget: new (description?: string) => Error;
    InvalidClientMetadata: new (description?: string) => Error;
  };
}
