"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, ArrowLeft, Building2, Webhook } from "lucide-react";
import { useTRPC } from "@/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { LoadingRows } from "@/components/ui/skeleton";
import { StatTile, formatRate } from "@/components/ui/stat-tile";
import { LastDelivery } from "@/components/portal/last-delivery";
import type { TenantOverviewDto } from "@/server/operators/schemas";
import { EndpointStatusBadge, EventsSummary } from "../../../endpoints/endpoint-status";
import { OpenPortalButton } from "./open-portal-button";
import { PortalLinkDialog } from "./portal-link-dialog";
import { SendDemoEventDialog } from "./send-demo-event-dialog";

export function TenantDetail({ reference }: { reference: string }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.operator.tenants.get.queryOptions({ tenant: reference }, { refetchInterval: 10_000, retry: false }));
  if (overview.isPending) return <Card><LoadingRows /></Card>;
  if (overview.isError) {
    const missing = overview.error.data?.code === "NOT_FOUND";
    return (
      <Card>
        <EmptyState
          icon={Building2}
          title={missing ? "Tenant not found" : "Could not load the tenant"}
          description={missing ? "No tenant has this id or external id; it may have been deleted." : overview.error.message}
          action={
            <Button asChild variant="secondary">
              <Link href="/operator">Back to all tenants</Link>
            </Button>
          }
        />
      </Card>
    );
  }
  const { tenant, endpoints } = overview.data;
  const rate = tenant.stats.success_rate_24h;
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <Link href="/operator" className="inline-flex items-center gap-1 hover:text-slate-700 dark:hover:text-slate-200">
            <ArrowLeft className="h-3 w-3" aria-hidden /> All tenants
          </Link>
        }
        title={tenant.name}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            {tenant.external_id && <span className="font-mono text-xs" data-testid="tenant-external-id">{tenant.external_id}</span>}
            <span className="text-xs">
              Created <RelativeTime date={tenant.created_at} />
            </span>
            {Object.entries(tenant.metadata).map(([key, value]) => (
              <Badge key={key} tone="gray" className="font-mono">{`${key}: ${value}`}</Badge>
            ))}
          </span>
        }
        actions={
          <>
            <SendDemoEventDialog tenant={tenant} endpoints={endpoints.data} />
            <PortalLinkDialog tenant={tenant} />
            <OpenPortalButton tenant={tenant} />
          </>
        }
      />

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatTile label="Deliveries (24 h)" value={tenant.stats.deliveries_24h} hint="finished, test events excluded" testId="tenant-deliveries-24h" />
        <StatTile label="Success rate (24 h)" value={formatRate(rate)} tone={rate !== null && rate < 0.9 ? "bad" : undefined} testId="tenant-success-rate" />
        <StatTile
          label="Endpoints"
          value={tenant.stats.endpoints}
          hint={tenant.stats.failing_endpoints ? `${tenant.stats.failing_endpoints} failing or disabled` : "none failing"}
          tone={tenant.stats.failing_endpoints ? "bad" : undefined}
        />
        <StatTile label="Last delivery" value={tenant.stats.last_delivery_at ? <RelativeTime date={tenant.stats.last_delivery_at} /> : "Never"} />
      </div>

      <EndpointsCard endpoints={endpoints} />
      <RecentFailures overview={overview.data} />
    </div>
  );
}

function EndpointsCard({ endpoints }: { endpoints: TenantOverviewDto["endpoints"] }) {
  return (
    <Card className="overflow-hidden">
      <CardHeader
        title="Endpoints"
        description={endpoints.next_cursor ? `The newest ${endpoints.data.length}; open the tenant's portal to see them all.` : "Where this tenant's events go, with their health over 24 hours."}
      />
      {endpoints.data.length === 0 ? (
        <EmptyState icon={Webhook} title="No endpoints yet" description="Send a demo event to a new inspector URL to see a delivery arrive without one." />
      ) : (
        <table className="w-full text-left text-sm" aria-label="Endpoints">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
            <tr>
              <th className="px-4 py-2.5 font-medium">Endpoint</th>
              <th className="px-4 py-2.5 font-medium">Status</th>
              <th className="px-4 py-2.5 font-medium">Events</th>
              <th className="px-4 py-2.5 font-medium">Success (24 h)</th>
              <th className="px-4 py-2.5 font-medium">Last delivery</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {endpoints.data.map((endpoint) => (
              <tr key={endpoint.id} data-testid="operator-endpoint-row">
                <td className="max-w-xs px-4 py-3">
                  <div className="truncate font-mono text-xs font-medium" title={endpoint.url}>{endpoint.url}</div>
                  <div className="truncate text-xs text-slate-500 dark:text-slate-400">{endpoint.description || <span className="italic">No description</span>}</div>
                </td>
                <td className="px-4 py-3"><EndpointStatusBadge endpoint={endpoint} /></td>
                <td className="px-4 py-3"><EventsSummary events={endpoint.enabled_events} /></td>
                <td className="px-4 py-3 text-sm tabular-nums" title={`${endpoint.stats.succeeded_24h} succeeded, ${endpoint.stats.failed_24h} failed`}>
                  {formatRate(endpoint.stats.success_rate_24h)}
                </td>
                <td className="px-4 py-3">
                  <LastDelivery delivery={endpoint.stats.last_delivery} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function RecentFailures({ overview }: { overview: TenantOverviewDto }) {
  const urls = new Map(overview.endpoints.data.map((endpoint) => [endpoint.id, endpoint.url]));
  return (
    <Card>
      <CardHeader title="Recent failures" description="The latest deliveries that failed after every retry." />
      {overview.recent_failures.length === 0 ? (
        <EmptyState icon={Webhook} title="No failed deliveries" description="Every delivery of this tenant arrived, or is still being retried." className="py-8" />
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="recent-failures">
          {overview.recent_failures.map((delivery) => (
            <li key={delivery.id} className="flex items-start gap-3 px-5 py-3">
              <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0 text-red-500" aria-hidden />
              <div className="min-w-0 flex-1">
                <div className="flex items-center gap-1.5">
                  <span className="truncate font-mono text-xs font-medium">{delivery.event_type}</span>
                  {delivery.is_test && <Badge tone="indigo">test</Badge>}
                </div>
                <div className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">{urls.get(delivery.endpoint_id) ?? delivery.endpoint_id}</div>
                <div className="mt-0.5 truncate text-xs text-red-600 dark:text-red-400">{delivery.last_error ?? "Failed"}</div>
              </div>
              <div className="text-right text-xs text-slate-400">
                <div>{delivery.attempt_count} attempt{delivery.attempt_count === 1 ? "" : "s"}</div>
                <RelativeTime date={delivery.completed_at ?? delivery.created_at} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
