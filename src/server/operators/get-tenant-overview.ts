import type { Db } from "@/server/db/client";
import { listDeliveries } from "@/server/deliveries/list-deliveries";
import { listEndpoints } from "@/server/endpoints/list-endpoints";
import { getTenant } from "@/server/tenants/get-tenant";
import { tenantOverviewDto, type TenantOverviewDto } from "./schemas";

const RECENT_FAILURES = 10;

/** One tenant as the operator console shows it: its figures, its newest endpoints and its latest failed deliveries. */
export async function getTenantOverview({ db, reference }: { db: Db; reference: string }): Promise<TenantOverviewDto> {
  const tenant = await getTenant({ db, reference });
  const [endpoints, failures] = await Promise.all([
    listEndpoints({ db, tenantId: tenant.id }),
    listDeliveries({ db, tenantId: tenant.id, status: "failed", limit: RECENT_FAILURES }),
  ]);
  return tenantOverviewDto.parse({ tenant, endpoints, recent_failures: failures.data });
}
