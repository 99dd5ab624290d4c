import { z } from "zod";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { listApiKeys } from "@/server/api-keys/list-api-keys";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { createApiKeyInput } from "@/server/api-keys/schemas";
import { tenantProcedure, router } from "../init";

export const apiKeysRouter = router({
  list: tenantProcedure.meta({ access: "apiKeys:manage" }).query(({ ctx }) => listApiKeys({ db: ctx.db, tenantId: ctx.tenantId })),
  /** the response is the only time the key is shown */
  create: tenantProcedure.meta({ access: "apiKeys:manage" })
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey({ db: ctx.db, tenantId: ctx.tenantId, actor: ctx.caller.actor, input })),
  revoke: tenantProcedure.meta({ access: "apiKeys:manage" })
    .input(z.object({ id: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => revokeApiKey({ db: ctx.db, tenantId: ctx.tenantId, actor: ctx.caller.actor, apiKeyId: input.id })),
});
