import "server-only";
import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { apiKeysRouter } from "./routers/api-keys";
import { endpointsRouter } from "./routers/endpoints";
import { primaryWebhookRouter } from "./routers/primary-webhook";
import { catalogRouter } from "./routers/catalog";
import { deliveriesRouter } from "./routers/deliveries";
import { messagesRouter } from "./routers/messages";
import { inspectorRouter } from "./routers/inspector";
import { dashboardRouter } from "./routers/dashboard";
import { activityRouter } from "./routers/activity";
import { operatorRouter } from "./routers/operator";
import { membersRouter } from "./routers/members";
import { tenantsRouter } from "./routers/tenants";
import { invitationsRouter } from "./routers/invitations";
import { passwordResetRouter } from "./routers/password-reset";

export const appRouter = router({
  account: accountRouter,
  endpoints: endpointsRouter,
  apiKeys: apiKeysRouter,
  primaryWebhook: primaryWebhookRouter,
  catalog: catalogRouter,
  deliveries: deliveriesRouter,
  messages: messagesRouter,
  inspector: inspectorRouter,
  dashboard: dashboardRouter,
  activity: activityRouter,
  operator: operatorRouter,
  members: membersRouter,
  tenants: tenantsRouter,
  invitations: invitationsRouter,
  passwordReset: passwordResetRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
