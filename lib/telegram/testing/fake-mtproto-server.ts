/**
 * TEST SUPPORT ONLY (never imported by app code): a fake of Telegram's login servers behind the
 * `ConnectTelegramClient` seam, because CI cannot reach Telegram's data centres.
 *
 * It is the one stand-in of the Telegram tests. It keeps server-side state per auth key across
 * "HTTP requests" (separate connects), issues real GramJS StringSessions, answers with real TL
 * objects, throws real GramJS RPC errors (through `RPCMessageToError`, as GramJS does for a
 * wire error), serializes every request with `getBytes()` (a malformed request fails as it
 * would before hitting the wire) and runs the SERVER side of Telegram's SRP-2048 password check
 * (https://core.telegram.org/api/srp), written here independently of GramJS's client side.
 *
 * What it cannot stand for: real data centres, the MTProto transport and auth-key exchange,
 * GramJS's own PHONE_MIGRATE handling (it only mimics its effect: the session moves DC), and
 * Telegram's real SRP parameters, rate limits and code delivery.
 */
import { createHash, pbkdf2Sync, randomBytes } from "node:crypto";
import bigInt from "big-integer";
import { Api } from "telegram";
import { AuthKey } from "telegram/crypto/AuthKey";
import { RPCMessageToError } from "telegram/errors";
import { StringSession } from "telegram/sessions";
import { TelegramUnreachableError, type ConnectTelegramClient, type TelegramLoginClient } from "../telegram-client";

/** Telegram's 2048-bit SRP prime (the one GramJS's computeCheck accepts), g = 3. */
const P_HEX =
  "c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b";
const P = BigInt(`0x${P_HEX}`);
const G = 3n;

const sha256 = (...parts: Buffer[]) => createHash("sha256").update(Buffer.concat(parts)).digest();
const pad = (n: bigint) => Buffer.from(n.toString(16).padStart(512, "0"), "hex");
const big = (b: Buffer) => BigInt(`0x${b.toString("hex") || "0"}`);
function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}
/** x = PH2(password, salt1, salt2), https://core.telegram.org/api/srp#checking-the-password-with-srp */
function passwordX(password: string, salt1: Buffer, salt2: Buffer): bigint {
  const sh = (data: Buffer, salt: Buffer) => sha256(salt, data, salt);
  const ph1 = sh(sh(Buffer.from(password, "utf8"), salt1), salt2);
  return big(sh(pbkdf2Sync(ph1, salt1, 100_000, 64, "sha512"), salt2));
}

/** `dc`: the account's home DC (another one triggers a migration); `signUpRequired`: the number has no account yet. */
export type FakeAccount = { phone: string; userId: number; password?: string; hint?: string; dc?: number; signUpRequired?: boolean };
type KeyState = {
  dc: number;
  userId?: number;
  codes: Map<string, { hash: string; code: string; expired: boolean }>;
  passwordFor?: FakeAccount;
  srp?: { id: bigint; b: bigint; B: bigint };
};

export class FakeTelegramServer {
  readonly apiId: number;
  readonly apiHash: string;
  readonly accounts = new Map<string, FakeAccount>();
  private readonly keys = new Map<string, KeyState>();
  private readonly sessions = new Map<string, string>();
  /** Every request as a method name, in order (never the arguments). */
  readonly calls: string[] = [];
  /** The session string each connect received. */
  readonly connects: string[] = [];
  openClients = 0;
  /** Errors to throw, once, for the next request of that method: e.g. { "auth.SendCode": "FLOOD_WAIT_42" }. */
  failNext: Record<string, string> = {};
  unreachable = false;
  lastCode = "";

  constructor(opts: { apiId: number; apiHash: string; accounts: FakeAccount[] }) {
    this.apiId = opts.apiId;
    this.apiHash = opts.apiHash;
    for (const a of opts.accounts) this.accounts.set(a.phone, a);
  }

  /** The transport to hand to the login functions. */
  readonly connect: ConnectTelegramClient = async ({ session, apiId, apiHash }) => {
    this.connects.push(session);
    if (this.unreachable) throw new TelegramUnreachableError("fake: unreachable");
    if (apiId !== this.apiId || apiHash !== this.apiHash) throw new Error("fake: client built with the wrong app credentials");
    let current = session ? this.keyOf(session) : await this.newSession(2);
    if (!this.keys.has(current)) throw new Error("fake: restored a session this server never issued");
    this.openClients += 1;
    let open = true;
    const client: TelegramLoginClient = {
      invoke: async <R extends Api.AnyRequest>(request: R): Promise<R["__response"]> => {
        if (!open) throw new Error("fake: invoke after disconnect");
        request.getBytes();
        this.calls.push(request.className);
        const forced = this.failNext[request.className];
        if (forced) {
          delete this.failNext[request.className];
          throw this.rpcError(forced, request);
        }
        const result = await this.handle(current, request, (moved) => (current = moved));
        return result as R["__response"];
      },
      saveSession: () => this.sessions.get(current) ?? "",
      disconnect: async () => {
        if (open) this.openClients -= 1;
        open = false;
      },
    };
    return client;
  };

  /** Whether this session string is signed in as that user (what an agent's client would see). */
  authorizedUser(sessionString: string): number | undefined {
    return this.keys.get(this.keyOf(sessionString))?.userId;
  }

  expireCodes(): void {
    for (const k of this.keys.values()) for (const c of k.codes.values()) c.expired = true;
  }

  /** A session string names one DC + auth key; the server indexes its state by the string's digest. */
  private keyOf(sessionString: string): string {
    return createHash("sha256").update(sessionString).digest("hex");
  }

  private async newSession(dc: number): Promise<string> {
    const session = new StringSession("");
    session.setDC(dc, `149.154.167.${40 + dc}`, 443);
    const key = new AuthKey();
    await key.setKey(randomBytes(256));
    session.setAuthKey(key);
    const saved = session.save();
    const id = this.keyOf(saved);
    this.keys.set(id, { dc, codes: new Map() });
    this.sessions.set(id, saved);
    return id;
  }

  private rpcError(message: string, request: Api.AnyRequest): Error {
    const code = message.startsWith("FLOOD_WAIT_") ? 420 : message === "SESSION_PASSWORD_NEEDED" ? 401 : 400;
    return RPCMessageToError(new Api.RpcError({ errorCode: code, errorMessage: message }), request) as Error;
  }

  private async handle(keyId: string, request: Api.AnyRequest, moveTo: (key: string) => void): Promise<unknown> {
    let key = this.keys.get(keyId);
    if (!key) throw this.rpcError("AUTH_KEY_UNREGISTERED", request);
    if (request instanceof Api.auth.SendCode) {
      if (request.apiId !== this.apiId || request.apiHash !== this.apiHash) throw this.rpcError("API_ID_INVALID", request);
      const account = this.accounts.get(request.phoneNumber);
      if (!/^\d{7,15}$/.test(request.phoneNumber) || !account) throw this.rpcError("PHONE_NUMBER_INVALID", request);
      if (account.dc && account.dc !== key.dc) {
        // What GramJS's invoke does on PHONE_MIGRATE_X: move to that DC with a new auth key and retry.
        keyId = await this.newSession(account.dc);
        moveTo(keyId);
        key = this.keys.get(keyId) as KeyState;
      }
      const hash = randomBytes(9).toString("hex");
      this.lastCode = String(10000 + (randomBytes(2).readUInt16BE(0) % 90000));
      key.codes.set(request.phoneNumber, { hash, code: this.lastCode, expired: false });
      return new Api.auth.SentCode({ type: new Api.auth.SentCodeTypeApp({ length: 5 }), phoneCodeHash: hash });
    }
    if (request instanceof Api.auth.SignIn) {
      const sent = key.codes.get(request.phoneNumber);
      if (!sent || sent.hash !== request.phoneCodeHash) throw this.rpcError("PHONE_CODE_EXPIRED", request);
      if (sent.expired) throw this.rpcError("PHONE_CODE_EXPIRED", request);
      if (sent.code !== request.phoneCode) throw this.rpcError("PHONE_CODE_INVALID", request);
      const account = this.accounts.get(request.phoneNumber) as FakeAccount;
      key.codes.delete(request.phoneNumber);
      if (account.signUpRequired) return new Api.auth.AuthorizationSignUpRequired({});
      if (account.password) {
        key.passwordFor = account;
        throw this.rpcError("SESSION_PASSWORD_NEEDED", request);
      }
      key.userId = account.userId;
      return new Api.auth.Authorization({ user: new Api.User({ id: bigInt(account.userId), self: true }) });
    }
    if (request instanceof Api.account.GetPassword) return this.passwordParams(key, request);
    if (request instanceof Api.auth.CheckPassword) return this.checkPassword(key, request);
    throw this.rpcError("METHOD_NOT_FAKED", request);
  }

  private salts(account: FakeAccount): [Buffer, Buffer] {
    return [sha256(Buffer.from(`salt1:${account.phone}`)), sha256(Buffer.from(`salt2:${account.phone}`))];
  }

  private passwordParams(key: KeyState, request: Api.AnyRequest): Api.account.Password {
    const account = key.passwordFor;
    if (!account?.password) throw this.rpcError("PASSWORD_MISSING", request);
    const [salt1, salt2] = this.salts(account);
    const v = modPow(G, passwordX(account.password, salt1, salt2), P);
    const k = big(sha256(pad(P), pad(G)));
    const b = big(randomBytes(256)) % P;
    const B = (k * v + modPow(G, b, P)) % P;
    const id = big(randomBytes(8));
    key.srp = { id, b, B };
    return new Api.account.Password({
      hasPassword: true,
      hint: account.hint,
      currentAlgo: new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({ salt1, salt2, g: Number(G), p: Buffer.from(P_HEX, "hex") }),
      srp_B: pad(B),
      srpId: bigInt(id.toString()),
      newAlgo: new Api.PasswordKdfAlgoUnknown(),
      newSecureAlgo: new Api.SecurePasswordKdfAlgoUnknown(),
      secureRandom: randomBytes(32),
    });
  }

  /** Server side of SRP: S = (A · v^u)^b mod p, K = H(S), then compare the client's M1. */
  private checkPassword(key: KeyState, request: Api.auth.CheckPassword): Api.auth.Authorization {
    const account = key.passwordFor;
    const srp = key.srp;
    const check = request.password;
    if (!account?.password || !srp) throw this.rpcError("PASSWORD_MISSING", request);
    if (!(check instanceof Api.InputCheckPasswordSRP) || BigInt(check.srpId.toString()) !== srp.id) throw this.rpcError("SRP_ID_INVALID", request);
    key.srp = undefined; // one proof per account.getPassword, as on Telegram
    const [salt1, salt2] = this.salts(account);
    const v = modPow(G, passwordX(account.password, salt1, salt2), P);
    const A = big(check.A);
    const u = big(sha256(pad(A), pad(srp.B)));
    const S = modPow((A * modPow(v, u, P)) % P, srp.b, P);
    const hp = sha256(pad(P));
    const hg = sha256(pad(G));
    const M1 = sha256(Buffer.from(hp.map((x, i) => x ^ (hg[i] ?? 0))), sha256(salt1), sha256(salt2), pad(A), pad(srp.B), sha256(pad(S)));
    if (!M1.equals(check.M1)) throw this.rpcError("PASSWORD_HASH_INVALID", request);
    key.userId = account.userId;
    key.passwordFor = undefined;
    return new Api.auth.Authorization({ user: new Api.User({ id: bigInt(account.userId), self: true }) });
  }
}
