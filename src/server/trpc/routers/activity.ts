import { listActivity } from "@/server/activity/list-activity";
import { listActivityQuery } from "@/server/activity/schemas";
import { router, tenantProcedure } from "../init";

export const activityRouter = router({
  /** the tenant's own log: who changed its configuration, and when */
  list: tenantProcedure.meta({ access: "tenant:read" })
    .input(listActivityQuery.optional())
    .query(({ ctx, input }) => listActivity({ db: ctx.db, tenantId: ctx.tenantId, query: input })),
});
