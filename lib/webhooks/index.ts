export { emitWebhookEvent, emitConnectionEvent, connectionOwner, connectionData, webhookPayload, type WebhookData } from "./emit-webhook-event";
export { deliverDueWebhooks, type DeliveryRunResult } from "./deliver-due-webhooks";
export { kickDelivery, settleDeliveryKicks } from "./kick-delivery";
export {
  createWebhookEndpoint,
  listEndpoints,
  setEndpointEnabled,
  removeEndpoint,
  endpointDeliveries,
  sendTestEvent,
  parseEventTypes,
  WebhookError,
  MAX_ENDPOINTS,
  type EndpointView,
} from "./manage-endpoints";
export { RETRY_DELAYS_MS, nextRetryDelayMs } from "./retry-schedule";
