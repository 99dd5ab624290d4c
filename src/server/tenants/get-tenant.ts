import type { Db } from "@/server/db/client";
import { resolveTenantReference } from "./resolve-tenant-reference";
import type { TenantDetailDto } from "./schemas";
import { tenantStats } from "./tenant-stats";
import { toTenantDetailDto } from "./to-tenant-dto";

/** One tenant with its health figures, by id or external id. */
export async function getTenant({ db, reference }: { db: Db; reference: string }): Promise<TenantDetailDto> {
  const row = await resolveTenantReference({ db, reference });
  return toTenantDetailDto(row, (await tenantStats(db, [row.id])).get(row.id)!);
}
