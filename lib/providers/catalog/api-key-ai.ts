/** API-key providers for AI models: OpenAI, Anthropic, Replicate, Cohere, ElevenLabs. */
import type { ApiKeyProvider, ApiKeyUsage, CredentialField } from "../provider-schema";
import { apiFromUsage } from "./api-from-usage";

const apiKeyField = (extra: Partial<CredentialField> = {}): CredentialField => ({
  name: "apiKey",
  label: "API key",
  secret: true,
  required: true,
  ...extra,
});

const openaiUsage: ApiKeyUsage = { header: "Authorization", format: "Bearer {apiKey}", baseUrl: "https://api.openai.com/v1" };

const openai = {
  code: "openai",
  name: "OpenAI",
  category: "AI",
  authType: "api_key",
  description: "GPT chat and responses, image generation and embeddings.",
  docsUrl: "https://platform.openai.com/docs/api-reference/authentication",
  // Removed from simple-icons (trademark request).
  iconSlug: null,
  // The lookahead keeps Anthropic keys (sk-ant-...) from passing as OpenAI keys.
  credentialFields: [apiKeyField({ pattern: "^sk-(?!ant-)[A-Za-z0-9_-]{20,}$", patternHint: "OpenAI keys start with sk- (sk-proj-, sk-svcacct-)" })],
  accessTokenField: "apiKey",
  usage: openaiUsage,
  api: apiFromUsage(openaiUsage),
  verify: { method: "GET", path: "/models" },
  services: [
    {
      code: "chat",
      source: "https://platform.openai.com/docs/api-reference/introduction",
      name: "Chat",
      description: "Text generation with GPT models.",
      baseUrl: openaiUsage.baseUrl,
      scopes: [],
      endpoints: [
        // Model ids retire often (gpt-4o-mini shuts down 2027-01-14): the examples name a
        // placeholder and point at GET /models, whose entries carry `shutdown_date`.
        // https://developers.openai.com/api/docs/deprecations
        { method: "POST", path: "/responses", description: "Generate a response (MODEL_ID: a current model from GET /models)", body: '{"model":"MODEL_ID","input":"Say hello"}' },
        { method: "POST", path: "/chat/completions", description: "Chat completion (MODEL_ID from GET /models)", body: '{"model":"MODEL_ID","messages":[{"role":"user","content":"Say hello"}]}' },
        { method: "GET", path: "/models", description: "Models the key can use" },
        { method: "GET", path: "/models/{model}", description: "Get a model" },
      ],
    },
    {
      code: "images",
      source: "https://platform.openai.com/docs/api-reference/images",
      name: "Images",
      description: "Generate and edit images (edits are multipart uploads: curl -F). Pick a current image model from GET /models.",
      baseUrl: openaiUsage.baseUrl,
      scopes: [],
      endpoints: [
        // /images/variations is gone with dall-e-2 (shut down 2026-05-12); the gpt-image-1 family
        // retires too. https://developers.openai.com/api/docs/models/dall-e-2
        { method: "POST", path: "/images/generations", description: "Generate an image (IMAGE_MODEL_ID from GET /models)", body: '{"model":"IMAGE_MODEL_ID","prompt":"A walnut on a desk","size":"1024x1024"}' },
        { method: "POST", path: "/images/edits", description: "Edit an image (multipart: model, image, prompt)" },
        { method: "GET", path: "/models", description: "Models with their shutdown_date: choose a current image model" },
      ],
    },
    {
      code: "embeddings",
      source: "https://platform.openai.com/docs/api-reference/introduction",
      name: "Embeddings",
      description: "Vector embeddings for search and clustering.",
      baseUrl: openaiUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/embeddings", description: "Embed text", body: '{"model":"text-embedding-3-small","input":"The quick brown fox"}' },
        { method: "GET", path: "/models", description: "Available embedding models" },
        { method: "GET", path: "/models/{model}", description: "Get a model" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

const anthropicUsage: ApiKeyUsage = {
  header: "x-api-key",
  format: "{apiKey}",
  baseUrl: "https://api.anthropic.com/v1",
  // Required on every request. https://docs.anthropic.com/en/api/versioning
  extraHeaders: { "anthropic-version": "2023-06-01" },
};

const anthropic = {
  code: "anthropic",
  name: "Anthropic",
  category: "AI",
  authType: "api_key",
  description: "Claude models through the Messages API.",
  docsUrl: "https://docs.anthropic.com/en/api/overview",
  iconSlug: "anthropic",
  credentialFields: [apiKeyField({ pattern: "^sk-ant-[A-Za-z0-9_-]{20,}$", patternHint: "Anthropic keys start with sk-ant-" })],
  accessTokenField: "apiKey",
  usage: anthropicUsage,
  api: apiFromUsage(anthropicUsage),
  verify: { method: "GET", path: "/models" },
  services: [
    {
      code: "claude",
      source: "https://docs.claude.com/en/api/overview",
      name: "Claude",
      description: "Messages, token counting and batches.",
      baseUrl: anthropicUsage.baseUrl,
      scopes: [],
      endpoints: [
        // Model ids retire (Sonnet 4 and Opus 4 on 2026-06-15): a placeholder and GET /models instead.
        // https://platform.claude.com/docs/en/about-claude/model-deprecations
        { method: "POST", path: "/messages", description: "Create a message (MODEL_ID: a current model from GET /models)", body: '{"model":"MODEL_ID","max_tokens":1024,"messages":[{"role":"user","content":"Say hello"}]}' },
        { method: "POST", path: "/messages/count_tokens", description: "Count input tokens (MODEL_ID from GET /models)", body: '{"model":"MODEL_ID","messages":[{"role":"user","content":"Say hello"}]}' },
        { method: "GET", path: "/models", description: "Available models" },
        { method: "POST", path: "/messages/batches", description: "Submit a batch", body: '{"requests":[]}' },
        { method: "GET", path: "/messages/batches/{batchId}", description: "Batch status" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

const replicateUsage: ApiKeyUsage = { header: "Authorization", format: "Bearer {apiKey}", baseUrl: "https://api.replicate.com/v1" };

const replicate = {
  code: "replicate",
  name: "Replicate",
  category: "AI",
  authType: "api_key",
  description: "Run open-source ML models as predictions.",
  docsUrl: "https://replicate.com/docs/reference/http",
  iconSlug: "replicate",
  credentialFields: [apiKeyField({ label: "API token", pattern: "^r8_[A-Za-z0-9]{20,}$", patternHint: "Replicate tokens start with r8_" })],
  accessTokenField: "apiKey",
  usage: replicateUsage,
  api: apiFromUsage(replicateUsage),
  verify: { method: "GET", path: "/account" },
  services: [
    {
      code: "models",
      source: "https://replicate.com/docs/reference/http",
      name: "ML models",
      description: "Start predictions on models and poll their results.",
      baseUrl: replicateUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/models/{owner}/{name}/predictions", description: "Run an official model (add Prefer: wait to block)", body: '{"input":{"prompt":"A walnut on a desk"}}' },
        { method: "POST", path: "/predictions", description: "Run a specific model version", body: '{"version":"VERSION_ID","input":{"prompt":"A walnut"}}' },
        { method: "GET", path: "/predictions/{predictionId}", description: "Prediction status and output" },
        { method: "POST", path: "/predictions/{predictionId}/cancel", description: "Cancel a prediction" },
        { method: "GET", path: "/predictions", description: "Recent predictions" },
        { method: "GET", path: "/models/{owner}/{name}", description: "Model details and input schema" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

const cohereUsage: ApiKeyUsage = { header: "Authorization", format: "Bearer {apiKey}", baseUrl: "https://api.cohere.com" };

const cohere = {
  code: "cohere",
  name: "Cohere",
  category: "AI",
  authType: "api_key",
  description: "Chat, embeddings and reranking for NLP.",
  docsUrl: "https://docs.cohere.com/reference/about",
  // Not in simple-icons.
  iconSlug: null,
  credentialFields: [apiKeyField()],
  accessTokenField: "apiKey",
  usage: cohereUsage,
  api: apiFromUsage(cohereUsage),
  // Confirmed: POST https://api.cohere.com/v1/check-api-key answers {"valid": true, ...}.
  // https://docs.cohere.com/reference/check-api-key
  // A 200 answer can still say {"valid": false}: the check looks at the flag too.
  verify: { method: "POST", path: "/v1/check-api-key", okField: "valid" },
  services: [
    {
      code: "nlp",
      source: "https://docs.cohere.com/reference/about",
      name: "NLP",
      description: "Chat, embed, rerank and tokenize.",
      baseUrl: cohereUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/v2/chat", description: "Chat with a Command model", body: '{"model":"command-a-03-2025","messages":[{"role":"user","content":"Say hello"}]}' },
        { method: "POST", path: "/v2/embed", description: "Embed texts", body: '{"model":"embed-v4.0","texts":["hello"],"input_type":"search_document","embedding_types":["float"]}' },
        { method: "POST", path: "/v2/rerank", description: "Rerank documents for a query", body: '{"model":"rerank-v3.5","query":"walnut","documents":["a nut","a tree"]}' },
        { method: "POST", path: "/v1/tokenize", description: "Tokenize text", body: '{"text":"hello","model":"command-a-03-2025"}' },
        { method: "GET", path: "/v1/models", description: "Available models" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

const elevenlabsUsage: ApiKeyUsage = { header: "xi-api-key", format: "{apiKey}", baseUrl: "https://api.elevenlabs.io/v1" };

const elevenlabs = {
  code: "elevenlabs",
  name: "ElevenLabs",
  category: "AI",
  authType: "api_key",
  description: "Text to speech and voice management.",
  docsUrl: "https://elevenlabs.io/docs/api-reference/authentication",
  iconSlug: "elevenlabs",
  credentialFields: [apiKeyField()],
  accessTokenField: "apiKey",
  usage: elevenlabsUsage,
  api: apiFromUsage(elevenlabsUsage),
  verify: { method: "GET", path: "/user" },
  services: [
    {
      code: "voice",
      source: "https://elevenlabs.io/docs/api-reference/introduction",
      name: "Voice",
      description: "List and inspect voices.",
      baseUrl: elevenlabsUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "GET", path: "/voices", description: "Voices available to the account" },
        { method: "GET", path: "/voices/{voiceId}", description: "Get a voice" },
        { method: "GET", path: "/voices/settings/default", description: "Default voice settings" },
        { method: "DELETE", path: "/voices/{voiceId}", description: "Delete a custom voice" },
      ],
    },
    {
      code: "tts",
      source: "https://elevenlabs.io/docs/api-reference/introduction",
      name: "Text to speech",
      description: "Turn text into audio (the response body is the audio file).",
      baseUrl: elevenlabsUsage.baseUrl,
      scopes: [],
      endpoints: [
        { method: "POST", path: "/text-to-speech/{voiceId}?output_format=mp3_44100_128", description: "Synthesize speech (save with -o out.mp3)", body: '{"text":"Hello there","model_id":"eleven_multilingual_v2"}' },
        { method: "POST", path: "/text-to-speech/{voiceId}/stream", description: "Stream speech", body: '{"text":"Hello there","model_id":"eleven_multilingual_v2"}' },
        { method: "GET", path: "/models", description: "TTS models" },
        { method: "GET", path: "/user/subscription", description: "Character quota left" },
      ],
    },
  ],
} satisfies ApiKeyProvider;

export const apiKeyAi = { openai, anthropic, replicate, cohere, elevenlabs };
