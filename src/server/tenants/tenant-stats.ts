import type { Db } from "@/server/db/client";
import type { TenantStatsDto } from "./schemas";

const STATS_WINDOW_MS = 24 * 60 * 60 * 1000;

type LastDeliveryRow = { tenant_id: string; created_at: Date };

/** Health figures of a page of tenants for the operator: four grouped queries, whatever the page size. */
export async function tenantStats(db: Db, tenantIds: string[], now = new Date()): Promise<Map<string, TenantStatsDto>> {
  const stats = new Map<string, TenantStatsDto>(
    tenantIds.map((id) => [id, { endpoints: 0, failing_endpoints: 0, deliveries_24h: 0, success_rate_24h: null, last_delivery_at: null }]),
  );
  if (tenantIds.length === 0) return stats;
  const live = { tenantId: { in: tenantIds }, deletedAt: null };
  const [endpoints, failing, outcomes, latest] = await Promise.all([
    db.endpoint.groupBy({ by: ["tenantId"], where: live, _count: { _all: true } }),
    db.endpoint.groupBy({
      by: ["tenantId"],
      where: { ...live, OR: [{ failingSince: { not: null } }, { disabledAt: { not: null } }] },
      _count: { _all: true },
    }),
    db.delivery.groupBy({
      by: ["tenantId", "status"],
      where: {
        tenantId: { in: tenantIds },
        status: { in: ["succeeded", "failed"] },
        isTest: false,
        createdAt: { gte: new Date(now.getTime() - STATS_WINDOW_MS) },
      },
      _count: { _all: true },
    }),
    // DISTINCT ON walks the (tenant_id, created_at) index once per tenant instead of loading history
    db.$queryRaw<LastDeliveryRow[]>`
      SELECT DISTINCT ON (tenant_id) tenant_id::text AS tenant_id, created_at
      FROM deliveries WHERE tenant_id = ANY(${tenantIds}::uuid[])
      ORDER BY tenant_id, created_at DESC`,
  ]);
  for (const row of endpoints) stats.get(row.tenantId)!.endpoints = row._count._all;
  for (const row of failing) stats.get(row.tenantId)!.failing_endpoints = row._count._all;
  const succeeded = new Map<string, number>();
  for (const row of outcomes) {
    stats.get(row.tenantId)!.deliveries_24h += row._count._all;
    if (row.status === "succeeded") succeeded.set(row.tenantId, row._count._all);
  }
  for (const [id, entry] of stats) {
    entry.success_rate_24h = entry.deliveries_24h ? (succeeded.get(id) ?? 0) / entry.deliveries_24h : null;
  }
  for (const row of latest) stats.get(row.tenant_id)!.last_delivery_at = new Date(row.created_at);
  return stats;
}
