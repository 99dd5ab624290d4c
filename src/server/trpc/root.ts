import "server-only";
import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { inspectorRouter } from "./routers/inspector";

export const appRouter = router({
  account: accountRouter,
  inspector: inspectorRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
