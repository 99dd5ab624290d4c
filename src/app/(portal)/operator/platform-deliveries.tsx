"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { StatTile, formatRate } from "@/components/ui/stat-tile";
import { RangePicker } from "@/components/portal/range-picker";
import { dashboardRanges, type DashboardRange } from "@/server/dashboard/schemas";
import { DeliveriesChart } from "../dashboard/deliveries-chart";

/** Deliveries of every tenant together: the install's health at a glance. */
export function PlatformDeliveries() {
  const trpc = useTRPC();
  const [range, setRange] = useState<DashboardRange>("24h");
  // every tenant's deliveries: a slower refresh than a tenant's own dashboard
  const stats = useQuery(trpc.operator.stats.queryOptions({ range }, { refetchInterval: 30_000, placeholderData: (previous) => previous }));
  const data = stats.data;
  const rate = data?.totals.successRate ?? null;
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatTile label="Deliveries, all tenants" value={data?.totals.deliveries} hint={dashboardRanges[range].label.toLowerCase()} />
        <StatTile
          label="Success rate"
          value={data ? formatRate(rate) : undefined}
          hint={data ? `${data.totals.succeeded} succeeded · ${data.totals.failed} failed` : undefined}
          tone={rate !== null && rate < 0.9 ? "bad" : undefined}
        />
        <StatTile label="In flight" value={data?.totals.inFlight} hint="pending or being retried" />
        <StatTile
          label="Endpoints"
          value={data ? `${data.endpoints.active} / ${data.endpoints.total}` : undefined}
          hint={data?.endpoints.disabled ? `${data.endpoints.disabled} disabled by Hookline` : "active / total"}
          tone={data?.endpoints.disabled ? "bad" : undefined}
        />
      </div>
      <Card>
        <CardHeader
          title="Deliveries over time, all tenants"
          description="Succeeded and failed deliveries of every tenant, by when they were created."
          actions={<RangePicker value={range} onChange={setRange} />}
        />
        <CardBody>
          {data ? <DeliveriesChart series={data.series} bucketSeconds={data.bucketSeconds} /> : <Skeleton className="h-64 w-full" />}
        </CardBody>
      </Card>
    </div>
  );
}
