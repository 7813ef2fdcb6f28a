/**
 * The network edge of the Telegram login: the only file that opens an MTProto connection.
 *
 * Serverless-safe by construction: every login step opens a fresh GramJS client from the
 * StringSession stored (encrypted) in the connect session, makes its calls, saves the session
 * again and disconnects. Nothing lives in memory between HTTP requests.
 *
 * The factory is injectable because Telegram's data centres cannot be reached from CI; tests
 * pass a fake MTProto transport (tests/integration/telegram-login.test.ts). Touch this file to
 * change connection parameters; the login logic lives in the step files beside it.
 */
import type { Api } from "telegram";
import { TelegramClient } from "telegram";
import { Logger, LogLevel } from "telegram/extensions/Logger";
import { StringSession } from "telegram/sessions";

/** What a login step needs from an MTProto connection. */
export type TelegramLoginClient = {
  invoke<R extends Api.AnyRequest>(request: R): Promise<R["__response"]>;
  /** The StringSession now: data centre + auth key (after a DC migration, the new one). */
  saveSession(): string;
  disconnect(): Promise<void>;
};

export type TelegramClientParams = { session: string; apiId: number; apiHash: string };
export type ConnectTelegramClient = (params: TelegramClientParams) => Promise<TelegramLoginClient>;

/** How long a step may take to reach a data centre before it gives up (the human can retry). */
const CONNECT_TIMEOUT_MS = 15_000;

export class TelegramUnreachableError extends Error {
  override name = "TelegramUnreachableError";
}

/** The real transport: GramJS over TCP to Telegram's data centres. */
export const connectGramJsClient: ConnectTelegramClient = async ({ session, apiId, apiHash }) => {
  const stringSession = new StringSession(session);
  const client = new TelegramClient(stringSession, apiId, apiHash, {
    connectionRetries: 2,
    retryDelay: 500,
    // A login step is one short request: no reconnect loop that would outlive it.
    autoReconnect: false,
    // GramJS's own logger prints connection details and raw errors; ours logs only error codes.
    baseLogger: new Logger(LogLevel.NONE),
    deviceModel: "Akhrot",
    appVersion: "1.0",
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CONNECT_TIMEOUT_MS);
  });
  const connected = await Promise.race([client.connect().catch(() => false), timeout]);
  clearTimeout(timer);
  if (!connected) {
    await client.destroy().catch(() => undefined);
    throw new TelegramUnreachableError("could not connect to a Telegram data centre");
  }
  return {
    invoke: (request) => client.invoke(request),
    saveSession: () => stringSession.save(),
    // destroy() also stops GramJS's update loop, so nothing keeps the function alive.
    disconnect: () => client.destroy(),
  };
};

/** Open a client, run one step, always disconnect. */
export async function withTelegramClient<T>(connect: ConnectTelegramClient, params: TelegramClientParams, step: (client: TelegramLoginClient) => Promise<T>): Promise<T> {
  const client = await connect(params);
  try {
    return await step(client);
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}
