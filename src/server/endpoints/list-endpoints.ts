import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { afterCursor, encodeCursor, newestFirst } from "@/server/pagination/keyset-cursor";
import { endpointListDto, listEndpointsQuery, type EndpointListDto, type EndpointStatsDto, type ListEndpointsQuery } from "./schemas";
import { toEndpointDto } from "./to-endpoint-dto";

const STATS_WINDOW_MS = 24 * 60 * 60 * 1000;

type LastDeliveryRow = { endpoint_id: string; id: string; status: string; created_at: Date };

/** Success rate over the last 24 hours and the latest delivery of each endpoint, in two queries. */
async function endpointStats(db: Db, tenantId: string, endpointIds: string[]): Promise<Map<string, EndpointStatsDto>> {
  const stats = new Map<string, EndpointStatsDto>(
    endpointIds.map((id) => [id, { deliveries_24h: 0, succeeded_24h: 0, failed_24h: 0, success_rate_24h: null, last_delivery: null }]),
  );
  if (endpointIds.length === 0) return stats;
  const [counts, latest] = await Promise.all([
    db.delivery.groupBy({
      by: ["endpointId", "status"],
      where: {
        tenantId,
        endpointId: { in: endpointIds },
        status: { in: ["succeeded", "failed"] },
        // test events say nothing about the endpoint's health
        isTest: false,
        createdAt: { gte: new Date(Date.now() - STATS_WINDOW_MS) },
      },
      _count: { _all: true },
    }),
    // DISTINCT ON walks the (endpoint_id, created_at) index once per endpoint instead of loading history
    db.$queryRaw<LastDeliveryRow[]>`
      SELECT DISTINCT ON (endpoint_id) endpoint_id::text AS endpoint_id, id::text AS id, status::text AS status, created_at
      FROM deliveries
      WHERE tenant_id = ${tenantId}::uuid AND endpoint_id = ANY(${endpointIds}::uuid[])
      ORDER BY endpoint_id, created_at DESC, id DESC`,
  ]);
  for (const row of counts) {
    const entry = stats.get(row.endpointId)!;
    if (row.status === "succeeded") entry.succeeded_24h = row._count._all;
    else entry.failed_24h = row._count._all;
  }
  for (const entry of stats.values()) {
    entry.deliveries_24h = entry.succeeded_24h + entry.failed_24h;
    entry.success_rate_24h = entry.deliveries_24h ? entry.succeeded_24h / entry.deliveries_24h : null;
  }
  for (const row of latest) {
    stats.get(row.endpoint_id)!.last_delivery = { id: row.id, status: row.status, created_at: new Date(row.created_at) };
  }
  return stats;
}

/** The tenant's endpoints, newest first, with delivery health for the portal list. */
export async function listEndpoints({
  db,
  tenantId,
  query = {},
  encryptionKey = env().encryptionKey,
}: {
  db: Db;
  tenantId: string;
  query?: ListEndpointsQuery;
  encryptionKey?: Buffer;
}): Promise<EndpointListDto> {
  const { limit, cursor } = listEndpointsQuery.parse(query);
  const where: Prisma.EndpointWhereInput = {
    tenantId,
    deletedAt: null,
    ...afterCursor(cursor),
  };
  const rows = await db.endpoint.findMany({ where, orderBy: [...newestFirst], take: limit + 1 });
  const page = rows.slice(0, limit);
  const stats = await endpointStats(db, tenantId, page.map((row) => row.id));
  return endpointListDto.parse({
    data: page.map((row) => ({ ...toEndpointDto(row, encryptionKey), stats: stats.get(row.id) })),
    next_cursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
  });
}
