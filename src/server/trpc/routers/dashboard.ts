import { getDashboardStats } from "@/server/dashboard/get-dashboard-stats";
import { dashboardStatsInput } from "@/server/dashboard/schemas";
import { router, tenantProcedure } from "../init";

export const dashboardRouter = router({
  stats: tenantProcedure.meta({ access: "tenant:read" }).input(dashboardStatsInput).query(({ ctx, input }) =>
    getDashboardStats({ db: ctx.db, tenantId: ctx.tenantId, input }),
  ),
});
