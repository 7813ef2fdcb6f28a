/**
 * Telegram: not OAuth. The user logs in with phone number -> login code -> (2FA password)
 * through an MTProto client; the result is a session string. /tokens/fetch returns it as
 * `accessToken` with this instance's apiId/apiHash (TELEGRAM_API_ID / TELEGRAM_API_HASH from
 * https://my.telegram.org) and `"type":"mtproto"`. Endpoints are MTProto method names.
 */
import type { MtprotoProvider } from "../provider-schema";

const telegram = {
  code: "telegram",
  name: "Telegram",
  category: "Communication",
  authType: "mtproto",
  description: "A Telegram user account over MTProto (messages, chats) via GramJS or Telethon.",
  docsUrl: "https://core.telegram.org/api/auth",
  iconSlug: "telegram",
  credentialFields: [
    {
      name: "sessionString",
      label: "Session string",
      secret: true,
      required: true,
      patternHint: "A GramJS StringSession or Telethon StringSession",
    },
  ],
  accessTokenField: "sessionString",
  mtproto: {
    apiIdEnv: "TELEGRAM_API_ID",
    apiHashEnv: "TELEGRAM_API_HASH",
    fetchFields: ["apiId", "apiHash"],
    clients: ["GramJS (npm: telegram) new TelegramClient(new StringSession(accessToken), apiId, apiHash, {})", "Telethon (Python) TelegramClient(StringSession(accessToken), apiId, apiHash)"],
  },
  services: [
    {
      code: "messages",
      source: "https://core.telegram.org/methods",
      name: "Messages",
      description: "Read, search, send, edit and delete messages.",
      baseUrl: null,
      scopes: [],
      endpoints: [
        { method: "RPC", path: "messages.getHistory", description: "Messages of a chat, newest first" },
        { method: "RPC", path: "messages.search", description: "Search messages in a chat" },
        { method: "RPC", path: "messages.sendMessage", description: "Send a text message" },
        { method: "RPC", path: "messages.editMessage", description: "Edit a sent message" },
        { method: "RPC", path: "messages.deleteMessages", description: "Delete messages" },
        { method: "RPC", path: "messages.readHistory", description: "Mark a chat as read" },
      ],
    },
    {
      code: "chats",
      source: "https://core.telegram.org/methods",
      name: "Chats",
      description: "List dialogs, resolve usernames, inspect groups and channels.",
      baseUrl: null,
      scopes: [],
      endpoints: [
        { method: "RPC", path: "messages.getDialogs", description: "The user's chats, newest activity first" },
        { method: "RPC", path: "contacts.resolveUsername", description: "Find a user or channel by @username" },
        { method: "RPC", path: "channels.getFullChannel", description: "Channel or supergroup details" },
        { method: "RPC", path: "channels.getParticipants", description: "Members of a supergroup or channel" },
        { method: "RPC", path: "channels.joinChannel", description: "Join a public channel or group" },
      ],
    },
  ],
} satisfies MtprotoProvider;

export const mtprotoTelegram = { telegram };
