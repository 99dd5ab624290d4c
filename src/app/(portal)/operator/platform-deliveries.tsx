"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { Skeleton } from "@/components/ui/skeleton";
import { DeliveriesChartCard, DeliveryStatTiles } from "@/components/portal/delivery-stats";
import type { DashboardRange } from "@/server/dashboard/schemas";
import { DeliveriesChart } from "../dashboard/deliveries-chart";

/** Deliveries of every tenant together: the install's health at a glance. */
export function PlatformDeliveries() {
  const trpc = useTRPC();
  const [range, setRange] = useState<DashboardRange>("24h");
  // every tenant's deliveries: a slower refresh than a tenant's own dashboard
  const stats = useQuery(trpc.operator.stats.queryOptions({ range }, { refetchInterval: 30_000, placeholderData: (previous) => previous }));
  const data = stats.data;
  return (
    <div className="space-y-3">
      <DeliveryStatTiles stats={data} range={range} deliveriesLabel="Deliveries, all tenants" />
      <DeliveriesChartCard
        title="Deliveries over time, all tenants"
        description="Succeeded and failed deliveries of every tenant, by when they were created."
        range={range}
        onRangeChange={setRange}
      >
        {data ? <DeliveriesChart series={data.series} bucketSeconds={data.bucketSeconds} /> : <Skeleton className="h-64 w-full" />}
      </DeliveriesChartCard>
    </div>
  );
}
