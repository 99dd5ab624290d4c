"use client";
import { useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, ArrowRight, Inbox, Webhook } from "lucide-react";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Badge } from "@/components/ui/badge";
import { DeliveriesChartCard, DeliveryStatTiles } from "@/components/portal/delivery-stats";
import { DeliveryStatusBadge } from "@/components/portal/status-badge";
import { useCanChange } from "@/components/portal/portal-access";
import type { DashboardRange, DashboardStatsDto } from "@/server/dashboard/schemas";
import { DeliveriesChart } from "./deliveries-chart";

export function DashboardView({ initialStats }: { initialStats?: DashboardStatsDto }) {
  const trpc = useTRPC();
  const canChange = useCanChange();
  const [range, setRange] = useState<DashboardRange>("24h");
  const stats = useQuery(
    trpc.dashboard.stats.queryOptions(
      { range },
      {
        refetchInterval: 10_000,
        initialData: range === "24h" ? initialStats : undefined,
        placeholderData: (previous) => previous,
      },
    ),
  );
  const data = stats.data;

  return (
    <div className="space-y-6">
      <DeliveryStatTiles stats={data} range={range} deliveriesLabel="Deliveries" />

      <DeliveriesChartCard
        title="Deliveries over time"
        description="Succeeded and failed deliveries, by when they were created."
        range={range}
        onRangeChange={setRange}
      >
        {data ? (
          data.totals.deliveries === 0 ? (
            <EmptyState
              icon={Webhook}
              title="No deliveries in this range"
              description={
                canChange
                  ? "Create an endpoint — the built-in inspector makes a perfect first one — and send it a test event."
                  : "Nothing was delivered to this tenant's endpoints in this range."
              }
              action={
                canChange && (
                  <div className="flex gap-2">
                    <Button asChild>
                      <Link href="/endpoints/new">Create an endpoint</Link>
                    </Button>
                    <Button asChild variant="secondary">
                      <Link href="/inspector">Open the inspector</Link>
                    </Button>
                  </div>
                )
              }
            />
          ) : (
            <DeliveriesChart series={data.series} bucketSeconds={data.bucketSeconds} />
          )
        ) : (
          <Skeleton className="h-64 w-full" />
        )}
      </DeliveriesChartCard>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Failing endpoints" description="Most failed deliveries in the range; test events excluded." />
          {!data ? (
            <CardBody><Skeleton className="h-24 w-full" /></CardBody>
          ) : data.failingEndpoints.length === 0 ? (
            <EmptyState icon={Webhook} title="All endpoints healthy" description="No endpoint has failed deliveries in this range." className="py-8" />
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="failing-endpoints">
              {data.failingEndpoints.map((endpoint) => (
                <li key={endpoint.id}>
                  <Link href={`/endpoints/${endpoint.id}`} className="flex items-start gap-3 px-5 py-3 hover:bg-slate-50 dark:hover:bg-slate-800/50">
                    <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0 text-red-500" aria-hidden />
                    <div className="min-w-0 flex-1">
                      <div className="truncate text-sm font-medium">{endpoint.description || <span className="font-mono text-xs">{endpoint.url}</span>}</div>
                      {endpoint.description && <div className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">{endpoint.url}</div>}
                      <div className="mt-0.5 truncate text-xs text-red-600 dark:text-red-400">
                        {endpoint.disabledReason ? `Disabled: ${endpoint.disabledReason}` : endpoint.lastError ?? "Failing"}
                      </div>
                    </div>
                    <div className="text-right text-xs">
                      <Badge tone="red">{endpoint.failed} failed</Badge>
                      <div className="mt-1 text-slate-400">
                        <RelativeTime date={endpoint.lastFailedAt} />
                      </div>
                    </div>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card>
          <CardHeader
            title="Recent activity"
            actions={
              <Link href="/messages" className="inline-flex items-center gap-1 text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                All messages <ArrowRight className="h-3 w-3" aria-hidden />
              </Link>
            }
          />
          {!data ? (
            <CardBody><Skeleton className="h-24 w-full" /></CardBody>
          ) : data.recentActivity.length === 0 ? (
            <EmptyState icon={Inbox} title="Nothing sent yet" description="Deliveries appear here as soon as events are published." className="py-8" />
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="recent-activity">
              {data.recentActivity.map((delivery) => (
                <li key={delivery.id}>
                  <Link href={`/endpoints/${delivery.endpointId}?delivery=${delivery.id}`} className="flex items-center gap-3 px-5 py-2.5 hover:bg-slate-50 dark:hover:bg-slate-800/50">
                    <span className="w-24 shrink-0">
                      <DeliveryStatusBadge status={delivery.status} retrying={delivery.attemptCount > 0} />
                    </span>
                    <div className="min-w-0 flex-1">
                      <div className="flex items-center gap-1.5 text-sm font-medium">
                        <span className="truncate font-mono text-xs">{delivery.eventType}</span>
                        {delivery.isTest && <Badge tone="indigo">test</Badge>}
                      </div>
                      <div className="truncate text-xs text-slate-500 dark:text-slate-400" title={delivery.endpointUrl}>
                        {delivery.endpointDescription || delivery.endpointUrl}
                      </div>
                    </div>
                    <RelativeTime date={delivery.createdAt} className="shrink-0 text-xs text-slate-400" />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
