export { metrics } from "./registry";
export { routeLabel } from "./route-label";
export { providerLabel, recordLimiterDegraded, recordRateLimited, recordRefresh, recordRequest, recordTokenFetch } from "./record";
export { scrapeMetrics } from "./scrape-metrics";
