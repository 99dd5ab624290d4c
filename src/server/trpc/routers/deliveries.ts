import { z } from "zod";
import { getDelivery } from "@/server/deliveries/get-delivery";
import { listDeliveries } from "@/server/deliveries/list-deliveries";
import { recoverFailedDeliveries } from "@/server/deliveries/recover-failed-deliveries";
import { retryDelivery } from "@/server/deliveries/retry-delivery";
import { sendTestEvent } from "@/server/deliveries/send-test-event";
import {
  deliveryFilters,
  recoverFailedDeliveriesInput,
  retryDeliveryInput,
  sendTestEventInput,
} from "@/server/deliveries/schemas";
import { router, tenantProcedure } from "../init";

export const deliveriesRouter = router({
  list: tenantProcedure.meta({ access: "tenant:read" }).input(deliveryFilters).query(({ ctx, input }) => listDeliveries({ db: ctx.db, tenantId: ctx.tenantId, ...input })),
  get: tenantProcedure.meta({ access: "tenant:read" })
    .input(z.object({ id: z.string().uuid() }))
    .query(({ ctx, input }) => getDelivery({ db: ctx.db, tenantId: ctx.tenantId, deliveryId: input.id })),
  retry: tenantProcedure.meta({ access: "deliveries:write" })
    .input(retryDeliveryInput)
    .mutation(({ ctx, input }) => retryDelivery({ db: ctx.db, tenantId: ctx.tenantId, deliveryId: input.delivery_id })),
  recover: tenantProcedure.meta({ access: "deliveries:write" })
    .input(recoverFailedDeliveriesInput)
    .mutation(({ ctx, input }) =>
      recoverFailedDeliveries({ db: ctx.db, tenantId: ctx.tenantId, endpointId: input.endpoint_id, since: input.since }),
    ),
  sendTest: tenantProcedure.meta({ access: "deliveries:write" })
    .input(sendTestEventInput)
    .mutation(({ ctx, input }) =>
      sendTestEvent({ db: ctx.db, tenantId: ctx.tenantId, endpointId: input.endpoint_id, eventType: input.event_type, payload: input.payload }),
    ),
});
