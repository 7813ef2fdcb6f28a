import { createCallerFactory, router } from "./init";
import { activityRouter } from "./routers/activity";
import { apiKeysRouter } from "./routers/api-keys";
import { connectionsRouter } from "./routers/connections";
import { orgsRouter } from "./routers/orgs";
import { servicesRouter } from "./routers/services";
import { webhooksRouter } from "./routers/webhooks";

export const appRouter = router({
  apiKeys: apiKeysRouter,
  connections: connectionsRouter,
  activity: activityRouter,
  orgs: orgsRouter,
  services: servicesRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
