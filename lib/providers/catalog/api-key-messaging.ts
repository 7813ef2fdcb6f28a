/** API-key providers for SMS, voice and email: Twilio, SendGrid, Postmark, Mailgun. */
import type { ApiKeyProvider, ApiKeyUsage } from "../provider-schema";
import { apiFromUsage } from "./api-from-usage";

const twilioUsage: ApiKeyUsage = {
  header: "Authorization",
  format: "Basic base64({accountSid}:{authToken})",
  baseUrl: "https://api.twilio.com/2010-04-01",
  // https://www.twilio.com/docs/usage/requests-to-twilio#authentication: Basic user "API Key" +
  // password "API Key Secret" is the recommended pair; Account SID + Auth Token is for local testing.
  note: "With an API key (fields.apiKeySid set), the Basic user is the key SID: Basic base64({apiKeySid}:{authToken}), where authToken holds the key's secret. URLs always use {accountSid}.",
};
const twilioForm = "form" as const;

const twilio = {
  code: "twilio",
  name: "Twilio",
  category: "Communication",
  authType: "api_key",
  description: "SMS, voice calls and video rooms. Writes are form-encoded.",
  docsUrl: "https://www.twilio.com/docs/usage/api#authenticate-with-http",
  // Removed from simple-icons (trademark request).
  iconSlug: null,
  // Two documented credential pairs (https://www.twilio.com/docs/usage/requests-to-twilio#authentication):
  // an API key (SK… SID + secret, recommended) or the Account SID + Auth Token. The Account SID is
  // needed either way: every REST path names it (https://www.twilio.com/docs/iam/api-keys).
  credentialFields: [
    { name: "accountSid", label: "Account SID", secret: false, required: true, pattern: "^AC[0-9a-fA-F]{32}$", patternHint: "Account SIDs start with AC followed by 32 hex characters" },
    { name: "apiKeySid", label: "API key SID (leave empty to use the auth token)", secret: false, required: false, pattern: "^SK[0-9a-fA-F]{32}$", patternHint: "API key SIDs start with SK followed by 32 hex characters" },
    { name: "authToken", label: "API key secret, or the auth token", secret: true, required: true, pattern: "^[0-9A-Za-z]{32}$", patternHint: "The API key secret (or auth token) is 32 letters and digits" },
  ],
  accessTokenField: "authToken",
  usage: twilioUsage,
  api: apiFromUsage(twilioUsage),
  verify: {
    method: "GET",
    path: "/Accounts/{accountSid}.json",
    // Standard API keys cannot read the Accounts resource (https://www.twilio.com/docs/iam/api-keys#types-of-api-keys):
    // an API key is checked on the account's message list instead, with the key SID as the Basic user.
    variants: [{ field: "apiKeySid", path: "/Accounts/{accountSid}/Messages.json?PageSize=1", format: "Basic base64({apiKeySid}:{authToken})" }],
  },
  services: [
    {
      code: "sms",
      source: "https://www.twilio.com/docs/messaging/api/message-resource",
      name: "SMS",
      description: "Send and list text messages.",
      baseUrl: twilioUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/Accounts/{accountSid}/Messages.json", description: "Send an SMS", body: "To=%2B15558675310&From=%2B15017122661&Body=Hello", bodyFormat: twilioForm },
        { method: "GET", path: "/Accounts/{accountSid}/Messages.json?PageSize=20", description: "Recent messages" },
        { method: "GET", path: "/Accounts/{accountSid}/Messages/{messageSid}.json", description: "Get a message (status)" },
        { method: "DELETE", path: "/Accounts/{accountSid}/Messages/{messageSid}.json", description: "Delete a message record" },
        { method: "GET", path: "/Accounts/{accountSid}/IncomingPhoneNumbers.json", description: "The account's phone numbers" },
      ],
    },
    {
      code: "voice",
      source: "https://www.twilio.com/docs/voice/api/call-resource",
      name: "Voice",
      description: "Place, inspect and end phone calls.",
      baseUrl: twilioUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/Accounts/{accountSid}/Calls.json", description: "Place a call (Url returns TwiML)", body: "To=%2B15558675310&From=%2B15017122661&Url=https%3A%2F%2Fdemo.twilio.com%2Fdocs%2Fvoice.xml", bodyFormat: twilioForm },
        { method: "GET", path: "/Accounts/{accountSid}/Calls.json?PageSize=20", description: "Recent calls" },
        { method: "GET", path: "/Accounts/{accountSid}/Calls/{callSid}.json", description: "Get a call" },
        { method: "POST", path: "/Accounts/{accountSid}/Calls/{callSid}.json", description: "End a call in progress", body: "Status=completed", bodyFormat: twilioForm },
        { method: "GET", path: "/Accounts/{accountSid}/Recordings.json", description: "Call recordings" },
      ],
    },
    {
      code: "video",
      source: "https://www.twilio.com/docs/video/api/rooms-resource",
      name: "Video",
      description: "Create and manage video rooms.",
      baseUrl: "https://video.twilio.com/v1",
      scopes: [],
      endpoints: [
        { method: "POST", path: "/Rooms", description: "Create a room", body: "UniqueName=standup", bodyFormat: twilioForm },
        { method: "GET", path: "/Rooms?Status=in-progress", description: "Active rooms" },
        { method: "GET", path: "/Rooms/{roomSid}", description: "Get a room" },
        { method: "POST", path: "/Rooms/{roomSid}", description: "End a room", body: "Status=completed", bodyFormat: twilioForm },
        { method: "GET", path: "/Rooms/{roomSid}/Participants", description: "Participants of a room" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

const sendgridUsage: ApiKeyUsage = { header: "Authorization", format: "Bearer {apiKey}", baseUrl: "https://api.sendgrid.com/v3" };

const sendgrid = {
  code: "sendgrid",
  name: "SendGrid",
  category: "Email",
  authType: "api_key",
  description: "Transactional email, templates, stats and bounces.",
  docsUrl: "https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/authentication",
  // Not in simple-icons (Twilio brand).
  iconSlug: null,
  credentialFields: [
    { name: "apiKey", label: "API key", secret: true, required: true, pattern: "^SG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}$", patternHint: "SendGrid keys look like SG.xxxx.yyyy" },
  ],
  accessTokenField: "apiKey",
  usage: sendgridUsage,
  api: apiFromUsage(sendgridUsage),
  verify: { method: "GET", path: "/scopes" },
  services: [
    {
      code: "email",
      source: "https://www.twilio.com/docs/sendgrid/api-reference",
      name: "Email",
      description: "Send mail and inspect delivery.",
      baseUrl: sendgridUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/mail/send", description: "Send an email (202 on success)", body: '{"personalizations":[{"to":[{"email":"bob@example.com"}]}],"from":{"email":"alice@example.com"},"subject":"Hello","content":[{"type":"text/plain","value":"Hi Bob"}]}' },
        { method: "GET", path: "/templates?generations=dynamic&page_size=20", description: "Dynamic templates" },
        { method: "GET", path: "/verified_senders", description: "Verified sender identities" },
        { method: "GET", path: "/stats?start_date={startDate}", description: "Delivery stats (YYYY-MM-DD)" },
        { method: "GET", path: "/suppression/bounces", description: "Bounced addresses" },
        { method: "GET", path: "/scopes", description: "Permissions of this key" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

const postmarkUsage: ApiKeyUsage = {
  header: "X-Postmark-Server-Token",
  format: "{serverToken}",
  baseUrl: "https://api.postmarkapp.com",
  extraHeaders: { Accept: "application/json" },
};

const postmark = {
  code: "postmark",
  name: "Postmark",
  category: "Email",
  authType: "api_key",
  description: "Transactional email for one Postmark server.",
  docsUrl: "https://postmarkapp.com/developer/api/overview#authentication",
  // Not in simple-icons.
  iconSlug: null,
  credentialFields: [
    {
      name: "serverToken",
      label: "Server API token",
      secret: true,
      required: true,
      pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
      patternHint: "Server tokens are UUIDs (Server > API Tokens)",
    },
  ],
  accessTokenField: "serverToken",
  usage: postmarkUsage,
  api: apiFromUsage(postmarkUsage),
  verify: { method: "GET", path: "/server" },
  services: [
    {
      code: "email",
      source: "https://postmarkapp.com/developer/api/overview",
      name: "Email",
      description: "Send single, batch and templated email; read outbound messages and bounces.",
      baseUrl: postmarkUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/email", description: "Send an email", body: '{"From":"alice@example.com","To":"bob@example.com","Subject":"Hello","TextBody":"Hi Bob"}' },
        { method: "POST", path: "/email/batch", description: "Send up to 500 emails", body: '[{"From":"alice@example.com","To":"bob@example.com","Subject":"Hello","TextBody":"Hi"}]' },
        { method: "POST", path: "/email/withTemplate", description: "Send with a template", body: '{"From":"alice@example.com","To":"bob@example.com","TemplateAlias":"welcome","TemplateModel":{"name":"Bob"}}' },
        { method: "GET", path: "/messages/outbound?count=20&offset=0", description: "Sent messages" },
        { method: "GET", path: "/bounces?count=20&offset=0", description: "Bounces" },
        { method: "GET", path: "/server", description: "Server settings" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

// The region picks the API host: EU domains live only on the EU host.
// https://documentation.mailgun.com/docs/mailgun/api-reference/#base-url
const mailgunUsage: ApiKeyUsage = {
  header: "Authorization",
  format: "Basic base64(api:{apiKey})",
  baseUrl: "https://api.mailgun.net",
  baseUrlVariants: { field: "region", values: { us: "https://api.mailgun.net", eu: "https://api.eu.mailgun.net" } },
};

const mailgun = {
  code: "mailgun",
  name: "Mailgun",
  category: "Email",
  authType: "api_key",
  description: "Send email and read delivery events for Mailgun domains (US or EU region).",
  docsUrl: "https://documentation.mailgun.com/docs/mailgun/api-reference/authentication",
  iconSlug: "mailgun",
  credentialFields: [
    { name: "apiKey", label: "API key", secret: true, required: true, pattern: "^(key-)?[0-9a-f]{32}(-[0-9a-f]{8}-[0-9a-f]{8})?$", patternHint: "A Mailgun private API key (hex, optionally key-...)" },
    { name: "region", label: "Region", secret: false, required: true, options: ["us", "eu"] },
    { name: "domain", label: "Sending domain", secret: false, required: false, pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", patternHint: "A domain such as mg.example.com" },
  ],
  accessTokenField: "apiKey",
  usage: mailgunUsage,
  api: apiFromUsage(mailgunUsage),
  verify: { method: "GET", path: "/v4/domains" },
  services: [
    {
      code: "email",
      source: "https://documentation.mailgun.com/docs/mailgun/api-reference/",
      name: "Email",
      description: "Send messages and follow deliveries. Sends are form-encoded; EU accounts use https://api.eu.mailgun.net.",
      baseUrl: mailgunUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/v3/{domain}/messages", description: "Send a message", body: "from=alice%40mg.example.com&to=bob%40example.com&subject=Hello&text=Hi", bodyFormat: "form" },
        { method: "GET", path: "/v3/{domain}/events?limit=25", description: "Delivery events" },
        { method: "GET", path: "/v4/domains", description: "Domains of the account" },
        { method: "GET", path: "/v3/{domain}/bounces", description: "Bounced addresses" },
        { method: "GET", path: "/v3/{domain}/templates", description: "Stored templates" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

export const apiKeyMessaging = { twilio, sendgrid, postmark, mailgun };
