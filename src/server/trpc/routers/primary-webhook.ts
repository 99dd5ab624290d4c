import { getPrimaryWebhookToken } from "@/server/endpoints/get-primary-webhook-token";
import { findPrimaryWebhookDto } from "@/server/endpoints/get-primary-webhook";
import { upsertPrimaryWebhookInput } from "@/server/endpoints/primary-webhook-schemas";
import { rotatePrimaryWebhookToken } from "@/server/endpoints/rotate-primary-webhook-token";
import { upsertPrimaryWebhook } from "@/server/endpoints/upsert-primary-webhook";
import { router, tenantProcedure } from "../init";

export const primaryWebhookRouter = router({
  /** null until the tenant sets one up: the portal shows an empty form rather than an error */
  get: tenantProcedure.meta({ access: "tenant:read" }).query(({ ctx }) => findPrimaryWebhookDto({ db: ctx.db, tenantId: ctx.tenantId })),
  upsert: tenantProcedure.meta({ access: "endpoints:write" })
    .input(upsertPrimaryWebhookInput)
    .mutation(({ ctx, input }) => upsertPrimaryWebhook({ db: ctx.db, tenantId: ctx.tenantId, actor: ctx.caller.actor, input })),
  token: tenantProcedure.meta({ access: "secrets:read" }).query(({ ctx }) => getPrimaryWebhookToken({ db: ctx.db, tenantId: ctx.tenantId })),
  rotateToken: tenantProcedure.meta({ access: "endpoints:write" }).mutation(({ ctx }) => rotatePrimaryWebhookToken({ db: ctx.db, tenantId: ctx.tenantId, actor: ctx.caller.actor })),
});
