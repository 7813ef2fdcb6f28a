import { createCallerFactory, router } from "./init";
import { activityRouter } from "./routers/activity";
import { apiKeysRouter } from "./routers/api-keys";
import { connectionsRouter } from "./routers/connections";

export const appRouter = router({
  apiKeys: apiKeysRouter,
  connections: connectionsRouter,
  activity: activityRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
