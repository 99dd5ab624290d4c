"use client";
import { useMemo, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { FilterX, Inbox } from "lucide-react";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { LoadingRows } from "@/components/ui/skeleton";
import { CursorPager, useCursorPages } from "@/components/portal/cursor-pager";
import { DeliveryList } from "@/components/portal/delivery-list";
import { LiveIndicator } from "@/components/portal/live-indicator";
import { useEndpointOptions } from "@/components/portal/use-endpoint-options";
import type { DeliveryStatus } from "@/components/portal/status-badge";

const statuses: DeliveryStatus[] = ["pending", "delivering", "succeeded", "failed", "cancelled"];
const presets = { "1h": 3600, "24h": 86_400, "7d": 7 * 86_400, "30d": 30 * 86_400 } as const;
type Preset = keyof typeof presets | "all" | "custom";

/** datetime-local value (local time, minutes) for a Date, and back. */
function toLocalInput(date: Date) {
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

export function MessageLog() {
  const trpc = useTRPC();
  const pathname = usePathname();
  const params = useSearchParams();
  const endpoints = useEndpointOptions();
  const catalog = useQuery(trpc.catalog.list.queryOptions(undefined, { staleTime: Infinity }));

  // Filters live in state (so quick successive changes compose) and are mirrored into the URL for links.
  const [filters, setFilters] = useState(() => ({
    eventType: params.get("event_type") ?? "",
    status: (params.get("status") ?? "") as DeliveryStatus | "",
    endpointId: params.get("endpoint") ?? "",
    range: (params.get("range") ?? "all") as Preset,
    since: params.get("since") ?? "",
    until: params.get("until") ?? "",
  }));
  const pages = useCursorPages();
  const setFilter = (patch: Partial<typeof filters>) => {
    setFilters((current) => {
      const next = { ...current, ...patch };
      const query = new URLSearchParams(
        Object.entries({ event_type: next.eventType, status: next.status, endpoint: next.endpointId, range: next.range === "all" ? "" : next.range, since: next.since, until: next.until })
          .filter(([, value]) => value),
      ).toString();
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
      return next;
    });
    pages.reset();
  };

  // The preset's window is fixed when chosen, so paging does not shift under the reader.
  const [now] = useState(() => Date.now());
  const timeWindow = useMemo(() => {
    if (filters.range === "custom") {
      return { since: filters.since ? new Date(filters.since) : undefined, until: filters.until ? new Date(filters.until) : undefined };
    }
    if (filters.range === "all") return {};
    return { since: new Date(now - presets[filters.range] * 1000) };
  }, [filters.range, filters.since, filters.until, now]);

  const cursor = pages.cursor;
  const query = useQuery(
    trpc.deliveries.list.queryOptions(
      {
        limit: 20,
        cursor,
        eventType: filters.eventType || undefined,
        status: filters.status || undefined,
        endpointId: filters.endpointId || undefined,
        ...timeWindow,
      },
      // the first page follows new deliveries live; older pages hold still while being read
      { refetchInterval: cursor ? false : 3_000, placeholderData: (previous) => previous },
    ),
  );
  // rows name the endpoint by its description when it has one: several may share a host
  const endpointUrls = useMemo(() => new Map(endpoints.data?.map((e) => [e.id, e.description || e.url])), [endpoints.data]);
  const filtered = Boolean(filters.eventType || filters.status || filters.endpointId || filters.range !== "all");

  return (
    <Card>
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <label className="text-xs">
          <span className="mb-1 block font-medium text-slate-600 dark:text-slate-400">Event type</span>
          <Select aria-label="Event type" value={filters.eventType} onChange={(e) => setFilter({ eventType: e.target.value })} className="w-52 text-xs">
            <option value="">All event types</option>
            {catalog.data?.map((e) => (
              <option key={e.name} value={e.name}>{e.name}</option>
            ))}
          </Select>
        </label>
        <label className="text-xs">
          <span className="mb-1 block font-medium text-slate-600 dark:text-slate-400">Status</span>
          <Select aria-label="Status" value={filters.status} onChange={(e) => setFilter({ status: e.target.value as DeliveryStatus | "" })} className="w-36 text-xs">
            <option value="">Any status</option>
            {statuses.map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </Select>
        </label>
        <label className="text-xs">
          <span className="mb-1 block font-medium text-slate-600 dark:text-slate-400">Endpoint</span>
          <Select aria-label="Endpoint" value={filters.endpointId} onChange={(e) => setFilter({ endpointId: e.target.value })} className="w-60 text-xs">
            <option value="">All endpoints</option>
            {endpoints.data?.map((e) => (
              <option key={e.id} value={e.id}>{e.description || e.url}</option>
            ))}
          </Select>
        </label>
        <label className="text-xs">
          <span className="mb-1 block font-medium text-slate-600 dark:text-slate-400">Time range</span>
          <Select
            aria-label="Time range"
            value={filters.range}
            onChange={(e) => {
              const range = e.target.value as Preset;
              setFilter({ range, ...(range === "custom" ? { since: toLocalInput(new Date(now - 86_400_000)), until: "" } : { since: "", until: "" }) });
            }}
            className="w-40 text-xs"
          >
            <option value="all">All time</option>
            <option value="1h">Last hour</option>
            <option value="24h">Last 24 hours</option>
            <option value="7d">Last 7 days</option>
            <option value="30d">Last 30 days</option>
            <option value="custom">Custom…</option>
          </Select>
        </label>
        {filters.range === "custom" && (
          <>
            <label className="text-xs">
              <span className="mb-1 block font-medium text-slate-600 dark:text-slate-400">From</span>
              <Input type="datetime-local" aria-label="From" value={filters.since} onChange={(e) => setFilter({ since: e.target.value })} className="text-xs" />
            </label>
            <label className="text-xs">
              <span className="mb-1 block font-medium text-slate-600 dark:text-slate-400">To</span>
              <Input type="datetime-local" aria-label="To" value={filters.until} onChange={(e) => setFilter({ until: e.target.value })} className="text-xs" />
            </label>
          </>
        )}
        {filtered && (
          <Button variant="ghost" size="sm" onClick={() => setFilter({ eventType: "", status: "", endpointId: "", range: "all", since: "", until: "" })}>
            <FilterX className="h-3.5 w-3.5" aria-hidden /> Clear filters
          </Button>
        )}
        <div className="ml-auto pb-1.5">{!cursor && <LiveIndicator />}</div>
      </div>
      {query.isPending ? (
        <LoadingRows rows={6} />
      ) : query.isError ? (
        <EmptyState icon={Inbox} title="Could not load messages" description={query.error.message} />
      ) : query.data.data.length === 0 ? (
        <EmptyState
          icon={Inbox}
          title={filtered ? "No messages match these filters" : "No messages yet"}
          description={filtered ? "Try a wider time range or another status." : "Publish an event or send a test event from an endpoint page; its deliveries show up here live."}
        />
      ) : (
        <DeliveryList deliveries={query.data.data} endpointUrls={endpointUrls} />
      )}
      <CursorPager pages={pages} nextCursor={query.data?.next_cursor} />
    </Card>
  );
}
