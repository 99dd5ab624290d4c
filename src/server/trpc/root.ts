import "server-only";
import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";

export const appRouter = router({
  account: accountRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
