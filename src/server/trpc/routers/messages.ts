import { z } from "zod";
import { getMessage } from "@/server/messages/get-message";
import { publishMessage } from "@/server/messages/publish-message";
import { publishMessageInput } from "@/server/messages/schemas";
import { router, tenantProcedure } from "../init";

export const messagesRouter = router({
  publish: tenantProcedure.meta({ access: "deliveries:write" })
    .input(publishMessageInput)
    .mutation(({ ctx, input }) => publishMessage({ db: ctx.db, tenantId: ctx.tenantId, input })),
  get: tenantProcedure.meta({ access: "tenant:read" })
    .input(z.object({ id: z.string().uuid() }))
    .query(({ ctx, input }) => getMessage({ db: ctx.db, tenantId: ctx.tenantId, messageId: input.id })),
});
