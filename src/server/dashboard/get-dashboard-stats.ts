import type { Db } from "@/server/db/client";
import { Prisma } from "@/generated/prisma/client";
import { dashboardRanges, dashboardStatsDto, dashboardStatsInput, type DashboardStatsDto, type DashboardStatsInput } from "./schemas";

const FAILING_ENDPOINTS = 5;
const RECENT_ACTIVITY = 8;

type BucketRow = { bucket: number; status: string; count: number };

/**
 * What the dashboard shows for one tenant, or for the whole install ("all", the operator console):
 * deliveries per time bucket by outcome, totals, the endpoints failing most, and the latest deliveries.
 * Buckets are aligned to the range's start (`now - range`).
 */
export async function getDashboardStats({ db, tenantId, input = {}, now = new Date() }: {
  db: Db;
  tenantId: string | "all";
  input?: DashboardStatsInput;
  now?: Date;
}): Promise<DashboardStatsDto> {
  const scope = tenantId === "all" ? {} : { tenantId };
  const { range } = dashboardStatsInput.parse(input);
  const { seconds, bucketSeconds } = dashboardRanges[range];
  const bucketCount = Math.ceil(seconds / bucketSeconds);
  // the range ends with the bucket holding `now`, so the newest delivery is always on the chart
  const nowEpoch = Math.floor(now.getTime() / 1000);
  const endEpoch = (Math.floor(nowEpoch / bucketSeconds) + 1) * bucketSeconds;
  const sinceEpoch = endEpoch - bucketCount * bucketSeconds;
  const since = new Date(sinceEpoch * 1000);

  // created_at is a UTC timestamp without zone: its epoch is read as UTC, and the bound converted back
  const buckets = await db.$queryRaw<BucketRow[]>(Prisma.sql`
    SELECT floor((extract(epoch FROM created_at) - ${sinceEpoch}) / ${bucketSeconds})::int AS bucket,
           status::text AS status,
           count(*)::int AS count
    FROM deliveries
    WHERE ${tenantId === "all" ? Prisma.sql`TRUE` : Prisma.sql`tenant_id = ${tenantId}::uuid`}
      AND created_at >= (to_timestamp(${sinceEpoch}) AT TIME ZONE 'UTC')
    GROUP BY 1, 2`);

  const series = Array.from({ length: bucketCount }, (_, i) => ({
    start: new Date((sinceEpoch + i * bucketSeconds) * 1000),
    succeeded: 0,
    failed: 0,
    other: 0,
  }));
  const totals = { deliveries: 0, succeeded: 0, failed: 0 };
  for (const row of buckets) {
    const point = series[Math.min(Math.max(row.bucket, 0), bucketCount - 1)]!;
    const key = row.status === "succeeded" || row.status === "failed" ? row.status : "other";
    point[key] += row.count;
    totals.deliveries += row.count;
    if (key !== "other") totals[key] += row.count;
  }

  const [inFlight, endpointCounts, failing, recent] = await Promise.all([
    db.delivery.count({ where: { ...scope, status: { in: ["pending", "delivering"] } } }),
    db.endpoint.groupBy({ by: ["isActive"], where: { ...scope, deletedAt: null }, _count: { _all: true } }),
    db.delivery.groupBy({
      by: ["endpointId", "status"],
      where: { ...scope, isTest: false, createdAt: { gte: since }, status: { in: ["succeeded", "failed"] }, endpoint: { deletedAt: null } },
      _count: { _all: true },
      _max: { completedAt: true },
    }),
    db.delivery.findMany({
      where: scope,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_ACTIVITY,
      select: {
        id: true,
        messageId: true,
        status: true,
        attemptCount: true,
        isTest: true,
        createdAt: true,
        endpointId: true,
        message: { select: { eventType: true } },
        endpoint: { select: { url: true, description: true } },
      },
    }),
  ]);
  const disabled = await db.endpoint.count({ where: { ...scope, deletedAt: null, disabledAt: { not: null } } });

  const perEndpoint = new Map<string, { failed: number; succeeded: number; lastFailedAt: Date | null }>();
  for (const row of failing) {
    const entry = perEndpoint.get(row.endpointId) ?? { failed: 0, succeeded: 0, lastFailedAt: null };
    if (row.status === "failed") {
      entry.failed += row._count._all;
      entry.lastFailedAt = row._max.completedAt;
    } else entry.succeeded += row._count._all;
    perEndpoint.set(row.endpointId, entry);
  }
  const worst = [...perEndpoint.entries()]
    .filter(([, counts]) => counts.failed > 0)
    .sort(([, a], [, b]) => b.failed - a.failed || a.succeeded - b.succeeded)
    .slice(0, FAILING_ENDPOINTS);
  const worstEndpoints = worst.length
    ? await db.endpoint.findMany({
        // a deleted endpoint keeps its history but is nothing to fix any more
        where: { ...scope, deletedAt: null, id: { in: worst.map(([id]) => id) } },
        select: {
          id: true,
          url: true,
          description: true,
          disabledReason: true,
          deliveries: {
            where: { status: "failed", isTest: false },
            orderBy: { createdAt: "desc" },
            take: 1,
            select: { lastError: true },
          },
        },
      })
    : [];
  const byId = new Map(worstEndpoints.map((endpoint) => [endpoint.id, endpoint]));

  const finished = totals.succeeded + totals.failed;
  return dashboardStatsDto.parse({
    range,
    since,
    bucketSeconds,
    series,
    totals: { ...totals, inFlight, successRate: finished ? totals.succeeded / finished : null },
    endpoints: {
      total: endpointCounts.reduce((sum, row) => sum + row._count._all, 0),
      active: endpointCounts.find((row) => row.isActive)?._count._all ?? 0,
      disabled,
    },
    failingEndpoints: worst.flatMap(([id, counts]) => {
      const endpoint = byId.get(id);
      if (!endpoint) return [];
      return [{
        id,
        url: endpoint.url,
        description: endpoint.description,
        failed: counts.failed,
        succeeded: counts.succeeded,
        lastError: endpoint.deliveries[0]?.lastError ?? null,
        lastFailedAt: counts.lastFailedAt,
        disabledReason: endpoint.disabledReason,
      }];
    }),
    recentActivity: recent.map((delivery) => ({
      id: delivery.id,
      messageId: delivery.messageId,
      eventType: delivery.message.eventType,
      endpointId: delivery.endpointId,
      endpointUrl: delivery.endpoint.url,
      endpointDescription: delivery.endpoint.description,
      status: delivery.status,
      attemptCount: delivery.attemptCount,
      isTest: delivery.isTest,
      createdAt: delivery.createdAt,
    })),
  });
}
