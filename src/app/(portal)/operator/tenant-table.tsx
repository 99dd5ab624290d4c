"use client";
import { useEffect, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { Building2, Search } from "lucide-react";
import { useTRPC } from "@/trpc/client";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { LoadingRows } from "@/components/ui/skeleton";
import { formatRate } from "@/components/ui/stat-tile";
import { CursorPager, useCursorPages } from "@/components/portal/cursor-pager";
import type { TenantStatsDto } from "@/server/tenants/schemas";

const TENANTS_PER_PAGE = 25;
const SEARCH_DELAY_MS = 300;

function SuccessRate({ stats }: { stats: TenantStatsDto }) {
  const rate = stats.success_rate_24h;
  if (rate === null) return <span className="text-xs text-slate-400">—</span>;
  return (
    <div className="w-24" title={`${stats.deliveries_24h} finished deliveries in 24 h`}>
      <div className={cn("text-sm font-medium tabular-nums", rate < 0.9 ? "text-red-600 dark:text-red-400" : rate < 0.99 ? "text-amber-600" : "text-emerald-600 dark:text-emerald-400")}>
        {formatRate(rate)}
      </div>
      <div className="mt-1 h-1 overflow-hidden rounded-full bg-red-200 dark:bg-red-500/30">
        <div className="h-full bg-emerald-500" style={{ width: `${rate * 100}%` }} />
      </div>
    </div>
  );
}

/** Every tenant with its 24 h health, searchable by name or external id, newest first. */
export function TenantTable() {
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  // one query per pause in typing, not per keystroke
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  return (
    <Card className="overflow-hidden">
      <CardHeader
        title="Tenants"
        description="Deliveries, success rate and failing endpoints over the last 24 hours; test events excluded."
        actions={
          <div className="relative">
            <Search className="pointer-events-none absolute top-1/2 left-2.5 h-3.5 w-3.5 -translate-y-1/2 text-slate-400" aria-hidden />
            <Input
              type="search"
              aria-label="Search tenants"
              placeholder="Name or external id"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              className="w-64 pl-8 text-xs"
            />
          </div>
        }
      />
      {/* keyed by the search, so a new search starts again from its first page */}
      <TenantPages key={search} search={search} />
    </Card>
  );
}

function TenantPages({ search }: { search: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pages = useCursorPages();
  // the first page follows new deliveries; older pages hold still while being read
  const tenants = useQuery(
    trpc.operator.tenants.list.queryOptions(
      { limit: TENANTS_PER_PAGE, cursor: pages.cursor, search: search || undefined },
      { refetchInterval: pages.cursor ? false : 15_000, placeholderData: (previous) => previous },
    ),
  );
  if (tenants.isPending) return <LoadingRows />;
  if (tenants.isError) return <EmptyState icon={Building2} title="Could not load tenants" description={tenants.error.message} />;
  if (tenants.data.data.length === 0 && pages.page === 1) {
    return (
      <EmptyState
        icon={Building2}
        title={search ? `No tenant matches “${search}”` : "No tenants yet"}
        description={search ? "Search matches part of the name, or the start of the external id." : "Create one here, or from your backend with POST /api/v2/tenants."}
      />
    );
  }
  return (
    <>
      <table className="w-full text-left text-sm" aria-label="Tenants">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
          <tr>
            <th className="px-4 py-2.5 font-medium">Tenant</th>
            <th className="px-4 py-2.5 font-medium">Endpoints</th>
            <th className="px-4 py-2.5 font-medium">Deliveries (24 h)</th>
            <th className="px-4 py-2.5 font-medium">Success (24 h)</th>
            <th className="px-4 py-2.5 font-medium">Last delivery</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {tenants.data.data.map((tenant) => (
            <tr
              key={tenant.id}
              data-testid="tenant-row"
              className="cursor-pointer hover:bg-slate-50 dark:hover:bg-slate-800/40"
              onClick={(e) => {
                if (!(e.target as HTMLElement).closest("a, button")) router.push(`/operator/tenants/${tenant.id}`);
              }}
            >
              <td className="max-w-xs px-4 py-3">
                <Link href={`/operator/tenants/${tenant.id}`} className="block truncate font-medium text-slate-900 hover:text-indigo-600 dark:text-slate-100">
                  {tenant.name}
                </Link>
                <div className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">{tenant.external_id ?? tenant.slug}</div>
              </td>
              <td className="px-4 py-3 text-sm tabular-nums">
                {tenant.stats.endpoints}
                {tenant.stats.failing_endpoints > 0 && (
                  <span data-testid="failing-endpoints" className="ml-2 text-xs font-medium text-red-600 dark:text-red-400">
                    {tenant.stats.failing_endpoints} failing
                  </span>
                )}
              </td>
              <td className="px-4 py-3 text-sm tabular-nums" data-testid="deliveries-24h">{tenant.stats.deliveries_24h}</td>
              <td className="px-4 py-3" data-testid="success-rate">
                <SuccessRate stats={tenant.stats} />
              </td>
              <td className="px-4 py-3 text-xs text-slate-500">
                {tenant.stats.last_delivery_at ? <RelativeTime date={tenant.stats.last_delivery_at} /> : <span className="text-slate-400">Never</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(pages.page > 1 || tenants.data.next_cursor) && <CursorPager pages={pages} nextCursor={tenants.data.next_cursor} />}
    </>
  );
}
