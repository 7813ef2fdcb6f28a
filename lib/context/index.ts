/**
 * Pure builders for the agent-facing documents (/ai/skill, /ai/context/...): catalog +
 * connections in, markdown and JSON out. No database, no HTTP, no Next.js.
 */
export { agentErrors, type AgentErrorCode } from "./agent-errors";
export { buildProviderContext, connectionStatus, type ConnectionStatus, type ProviderContextJson } from "./build-provider-context";
export { buildServiceContext, type ServiceContextJson } from "./build-service-context";
export { buildSkillMarkdown } from "./build-skill-markdown";
export { skillMarkdownFor } from "./skill-markdown-for";
export { buildSummary, type SummaryJson } from "./build-summary";
export { credentialUsage, type CredentialUsage } from "./credential-usage";
export { canConnect, type ContextConnection, type ContextDocument, type NextCall, type ProviderAccess } from "./types";
