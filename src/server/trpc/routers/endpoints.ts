import { z } from "zod";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { deleteEndpoint } from "@/server/endpoints/delete-endpoint";
import { getEndpoint } from "@/server/endpoints/get-endpoint";
import { getEndpointSecret } from "@/server/endpoints/get-endpoint-secret";
import { listEndpoints } from "@/server/endpoints/list-endpoints";
import { rotateEndpointSecret } from "@/server/endpoints/rotate-endpoint-secret";
import { createEndpointInput, listEndpointsQuery, rotateSecretInput, updateEndpointInput } from "@/server/endpoints/schemas";
import { updateEndpoint } from "@/server/endpoints/update-endpoint";
import { getQuotaUsage } from "@/server/quotas/tenant-quotas";
import { router, tenantProcedure } from "../init";

const endpointId = z.object({ id: z.string().min(1).max(100) });

export const endpointsRouter = router({
  list: tenantProcedure.meta({ access: "tenant:read" })
    .input(listEndpointsQuery.optional())
    .query(({ ctx, input }) => listEndpoints({ db: ctx.db, tenantId: ctx.tenantId, query: input })),
  /** how many endpoints the tenant has against its quota */
  quota: tenantProcedure.meta({ access: "tenant:read" }).query(({ ctx }) => getQuotaUsage({ db: ctx.db, tenantId: ctx.tenantId, quota: "endpoints" })),
  get: tenantProcedure.meta({ access: "tenant:read" })
    .input(endpointId)
    .query(({ ctx, input }) => getEndpoint({ db: ctx.db, tenantId: ctx.tenantId, endpointId: input.id })),
  create: tenantProcedure.meta({ access: "endpoints:write" })
    .input(createEndpointInput)
    .mutation(({ ctx, input }) => createEndpoint({ db: ctx.db, tenantId: ctx.tenantId, actor: ctx.caller.actor, input })),
  update: tenantProcedure.meta({ access: "endpoints:write" })
    .input(endpointId.extend({ data: updateEndpointInput }))
    .mutation(({ ctx, input }) => updateEndpoint({ db: ctx.db, tenantId: ctx.tenantId, actor: ctx.caller.actor, endpointId: input.id, input: input.data })),
  delete: tenantProcedure.meta({ access: "endpoints:write" })
    .input(endpointId)
    .mutation(({ ctx, input }) => deleteEndpoint({ db: ctx.db, tenantId: ctx.tenantId, actor: ctx.caller.actor, endpointId: input.id })),
  secret: tenantProcedure.meta({ access: "secrets:read" })
    .input(endpointId)
    .query(({ ctx, input }) => getEndpointSecret({ db: ctx.db, tenantId: ctx.tenantId, endpointId: input.id })),
  rotateSecret: tenantProcedure.meta({ access: "endpoints:write" })
    .input(endpointId.extend({ data: rotateSecretInput.optional() }))
    .mutation(({ ctx, input }) =>
      rotateEndpointSecret({ db: ctx.db, tenantId: ctx.tenantId, actor: ctx.caller.actor, endpointId: input.id, input: input.data }),
    ),
});
