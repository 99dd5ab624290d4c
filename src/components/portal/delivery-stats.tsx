"use client";
import type { ReactNode } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { StatTile, formatRate } from "@/components/ui/stat-tile";
import { dashboardRanges, type DashboardRange, type DashboardStatsDto } from "@/server/dashboard/schemas";
import { RangePicker } from "./range-picker";

/** The four headline figures of a deliveries chart's range: deliveries, success rate, in flight, endpoints. */
export function DeliveryStatTiles({ stats, range, deliveriesLabel }: {
  /** undefined while it loads: the tiles show skeletons */
  stats: DashboardStatsDto | undefined;
  range: DashboardRange;
  /** the first tile's label: "Deliveries", or whose they are */
  deliveriesLabel: string;
}) {
  const rate = stats?.totals.successRate ?? null;
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <StatTile label={deliveriesLabel} value={stats?.totals.deliveries} hint={dashboardRanges[range].label.toLowerCase()} />
      <StatTile
        label="Success rate"
        value={stats ? formatRate(rate) : undefined}
        hint={stats ? `${stats.totals.succeeded} succeeded · ${stats.totals.failed} failed` : undefined}
        tone={rate !== null && rate < 0.9 ? "bad" : undefined}
      />
      <StatTile label="In flight" value={stats?.totals.inFlight} hint="pending or being retried" />
      <StatTile
        label="Endpoints"
        value={stats ? `${stats.endpoints.active} / ${stats.endpoints.total}` : undefined}
        hint={stats?.endpoints.disabled ? `${stats.endpoints.disabled} disabled by Hookline` : "active / total"}
        tone={stats?.endpoints.disabled ? "bad" : undefined}
      />
    </div>
  );
}

/** The card of a deliveries chart, with the picker of its range; `children` is its body. */
export function DeliveriesChartCard({ title, description, range, onRangeChange, children }: {
  title: string;
  description: string;
  range: DashboardRange;
  onRangeChange: (range: DashboardRange) => void;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader title={title} description={description} actions={<RangePicker value={range} onChange={onRangeChange} />} />
      <CardBody>{children}</CardBody>
    </Card>
  );
}
