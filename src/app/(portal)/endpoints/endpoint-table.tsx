"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2, Webhook } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";
import { errorMessage } from "@/components/portal/errors";
import { useCanChange } from "@/components/portal/portal-access";
import { LastDelivery } from "@/components/portal/last-delivery";
import type { EndpointListItemDto } from "@/server/endpoints/schemas";
import { EndpointStatusBadge, EventsSummary } from "./endpoint-status";
import { CursorPager, useCursorPages } from "@/components/portal/cursor-pager";

function SuccessRate({ stats }: { stats: EndpointListItemDto["stats"] }) {
  if (stats.success_rate_24h === null) return <span className="text-xs text-slate-400">—</span>;
  const pct = stats.success_rate_24h * 100;
  return (
    <div className="w-28" title={`${stats.succeeded_24h} succeeded, ${stats.failed_24h} failed in 24 h`}>
      <div className={cn("text-sm font-medium tabular-nums", pct < 90 ? "text-red-600 dark:text-red-400" : pct < 99 ? "text-amber-600" : "text-emerald-600 dark:text-emerald-400")}>
        {pct.toFixed(pct === 100 ? 0 : 1)}%
      </div>
      <div className="mt-1 h-1 overflow-hidden rounded-full bg-red-200 dark:bg-red-500/30">
        <div className="h-full bg-emerald-500" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

const ENDPOINTS_PER_PAGE = 50;

export function EndpointTable() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const pages = useCursorPages();
  const canChange = useCanChange();
  // the first page follows changes live; older pages hold still while being read
  const endpoints = useQuery(
    trpc.endpoints.list.queryOptions(
      { limit: ENDPOINTS_PER_PAGE, cursor: pages.cursor },
      { refetchInterval: pages.cursor ? false : 10_000, placeholderData: (previous) => previous },
    ),
  );
  const remove = useMutation(
    trpc.endpoints.delete.mutationOptions({
      onSuccess: async () => {
        toast.success("Endpoint deleted");
        await queryClient.invalidateQueries({ queryKey: trpc.endpoints.pathKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  if (endpoints.isPending) return <Card><LoadingRows /></Card>;
  if (endpoints.isError) return <Card><EmptyState icon={Webhook} title="Could not load endpoints" description={endpoints.error.message} /></Card>;
  if (endpoints.data.data.length === 0 && pages.page === 1) {
    return (
      <Card>
        <EmptyState
          icon={Webhook}
          title="No endpoints yet"
          description={
            canChange
              ? "Add the URL of a service that should receive your events. No server handy? Point it at the built-in inspector."
              : "No service receives this tenant's events yet."
          }
          action={
            canChange && (
              <Button asChild>
                <Link href="/endpoints/new">
                  <Plus className="h-4 w-4" aria-hidden /> Create your first endpoint
                </Link>
              </Button>
            )
          }
        />
      </Card>
    );
  }
  return (
    <Card className="overflow-hidden">
      <table className="w-full text-left text-sm" aria-label="Endpoints">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
          <tr>
            <th className="px-4 py-2.5 font-medium">Endpoint</th>
            <th className="px-4 py-2.5 font-medium">Status</th>
            <th className="px-4 py-2.5 font-medium">Events</th>
            <th className="px-4 py-2.5 font-medium">Success (24 h)</th>
            <th className="px-4 py-2.5 font-medium">Last delivery</th>
            <th className="px-4 py-2.5"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {endpoints.data.data.map((endpoint) => (
            <tr
              key={endpoint.id}
              data-testid="endpoint-row"
              className="cursor-pointer hover:bg-slate-50 dark:hover:bg-slate-800/40"
              onClick={(e) => {
                if (!(e.target as HTMLElement).closest("a, button, [role=dialog]")) router.push(`/endpoints/${endpoint.id}`);
              }}
            >
              <td className="max-w-xs px-4 py-3">
                <Link href={`/endpoints/${endpoint.id}`} className="block truncate font-mono text-xs font-medium text-slate-900 hover:text-indigo-600 dark:text-slate-100">
                  {endpoint.url}
                </Link>
                <div className="truncate text-xs text-slate-500 dark:text-slate-400">
                  {endpoint.description || <span className="italic">No description</span>}
                  {endpoint.primary && <span className="ml-1 text-indigo-600 dark:text-indigo-400">· primary webhook</span>}
                </div>
              </td>
              <td className="px-4 py-3"><EndpointStatusBadge endpoint={endpoint} /></td>
              <td className="px-4 py-3"><EventsSummary events={endpoint.enabled_events} /></td>
              <td className="px-4 py-3"><SuccessRate stats={endpoint.stats} /></td>
              <td className="px-4 py-3">
                <LastDelivery delivery={endpoint.stats.last_delivery} />
              </td>
              <td className="px-2 py-3 text-right">
                {canChange && (
                  <ConfirmDialog
                    title="Delete this endpoint?"
                    description={`${endpoint.url} stops receiving events at once and its pending deliveries are cancelled. Its delivery history is kept.`}
                    confirmLabel="Delete endpoint"
                    onConfirm={() => remove.mutateAsync({ id: endpoint.id })}
                    trigger={
                      <Button variant="ghost" size="icon" aria-label={`Delete ${endpoint.url}`}>
                        <Trash2 className="h-4 w-4" />
                      </Button>
                    }
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(pages.page > 1 || endpoints.data.next_cursor) && <CursorPager pages={pages} nextCursor={endpoints.data.next_cursor} />}
    </Card>
  );
}
