import { createCallerFactory, router } from "./init";
import { activityRouter } from "./routers/activity";
import { apiKeysRouter } from "./routers/api-keys";
import { connectionsRouter } from "./routers/connections";
import { orgsRouter } from "./routers/orgs";
import { servicesRouter } from "./routers/services";

export const appRouter = router({
  apiKeys: apiKeysRouter,
  connections: connectionsRouter,
  activity: activityRouter,
  orgs: orgsRouter,
  services: servicesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
