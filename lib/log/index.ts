export { log, setLogLevel } from "./logger";
export { logError, describeError } from "./log-error";
export { hashForLog, redact, stripControl } from "./redact";
export { REQUEST_ID_HEADER, currentRequestId, keepRequestContextOff, requestContextIsOff, requestIdFrom, withRequestId, withRequestIdBriefly } from "./request-context";
export { setLogSink } from "./log-sink";
