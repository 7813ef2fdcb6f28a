import { createCallerFactory, router } from "./init";
import { apiKeysRouter } from "./routers/api-keys";

export const appRouter = router({
  apiKeys: apiKeysRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
