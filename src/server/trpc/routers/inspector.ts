import { env } from "@/server/env";
import { clearInspectorRequests } from "@/server/inspector/clear-inspector-requests";
import { createInspectorBin } from "@/server/inspector/create-inspector-bin";
import { deleteInspectorBin } from "@/server/inspector/delete-inspector-bin";
import { listInspectorBins } from "@/server/inspector/list-inspector-bins";
import { listInspectorRequests } from "@/server/inspector/list-inspector-requests";
import { createInspectorBinInput, inspectorBinIdInput, listInspectorRequestsInput } from "@/server/inspector/schemas";
import { router, tenantProcedure } from "../init";

export const inspectorRouter = router({
  listBins: tenantProcedure.query(({ ctx }) =>
    listInspectorBins({ db: ctx.db, tenantId: ctx.tenantId, publicUrl: env().publicUrl }),
  ),
  createBin: tenantProcedure.input(createInspectorBinInput).mutation(({ ctx, input }) =>
    createInspectorBin({ db: ctx.db, tenantId: ctx.tenantId, publicUrl: env().publicUrl, input }),
  ),
  deleteBin: tenantProcedure.input(inspectorBinIdInput).mutation(({ ctx, input }) =>
    deleteInspectorBin({ db: ctx.db, tenantId: ctx.tenantId, binId: input.binId }),
  ),
  clearRequests: tenantProcedure.input(inspectorBinIdInput).mutation(({ ctx, input }) =>
    clearInspectorRequests({ db: ctx.db, tenantId: ctx.tenantId, binId: input.binId }),
  ),
  listRequests: tenantProcedure.input(listInspectorRequestsInput).query(({ ctx, input }) =>
    listInspectorRequests({ db: ctx.db, tenantId: ctx.tenantId, encryptionKey: env().encryptionKey, input }),
  ),
});
