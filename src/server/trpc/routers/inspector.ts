import { env } from "@/server/env";
import { clearInspectorRequests } from "@/server/inspector/clear-inspector-requests";
import { createInspectorBin } from "@/server/inspector/create-inspector-bin";
import { deleteInspectorBin } from "@/server/inspector/delete-inspector-bin";
import { listInspectorBins } from "@/server/inspector/list-inspector-bins";
import { listInspectorRequests } from "@/server/inspector/list-inspector-requests";
import { createInspectorBinInput, inspectorBinIdInput, listInspectorRequestsInput } from "@/server/inspector/schemas";
import { router, tenantProcedure } from "../init";

export const inspectorRouter = router({
  listBins: tenantProcedure.meta({ access: "tenant:read" }).query(({ ctx }) =>
    listInspectorBins({ db: ctx.db, tenantId: ctx.tenantId, publicUrl: env().publicUrl }),
  ),
  createBin: tenantProcedure.meta({ access: "inspector:write" }).input(createInspectorBinInput).mutation(({ ctx, input }) =>
    createInspectorBin({ db: ctx.db, tenantId: ctx.tenantId, publicUrl: env().publicUrl, input }),
  ),
  deleteBin: tenantProcedure.meta({ access: "inspector:write" }).input(inspectorBinIdInput).mutation(({ ctx, input }) =>
    deleteInspectorBin({ db: ctx.db, tenantId: ctx.tenantId, binId: input.binId }),
  ),
  clearRequests: tenantProcedure.meta({ access: "inspector:write" }).input(inspectorBinIdInput).mutation(({ ctx, input }) =>
    clearInspectorRequests({ db: ctx.db, tenantId: ctx.tenantId, binId: input.binId }),
  ),
  listRequests: tenantProcedure.meta({ access: "tenant:read" }).input(listInspectorRequestsInput).query(({ ctx, input }) =>
    listInspectorRequests({ db: ctx.db, tenantId: ctx.tenantId, encryptionKey: env().encryptionKey, input }),
  ),
});
