"use client";
import { useQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import { useTRPC } from "@/trpc/client";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { ActivityTable } from "@/components/portal/activity-table";
import { CursorPager, useCursorPages } from "@/components/portal/cursor-pager";

const ENTRIES_PER_PAGE = 50;

/** The activity log, paged: the tenant's own, or the whole install's (operators), which names each tenant. */
export function ActivityLog({ scope }: { scope: "tenant" | "install" }) {
  const trpc = useTRPC();
  const pages = useCursorPages();
  const input = { limit: ENTRIES_PER_PAGE, cursor: pages.cursor };
  // the first page follows new changes; older pages hold still while being read
  const options = { refetchInterval: pages.cursor ? false : 10_000, placeholderData: <T,>(previous: T) => previous } as const;
  const activity = useQuery(
    scope === "install" ? trpc.operator.activity.list.queryOptions(input, options) : trpc.activity.list.queryOptions(input, options),
  );
  if (activity.isPending) return <Card><LoadingRows /></Card>;
  if (activity.isError) return <Card><EmptyState icon={ScrollText} title="Could not load the activity log" description={activity.error.message} /></Card>;
  return (
    <Card className="overflow-hidden">
      <ActivityTable entries={activity.data.data} showTenant={scope === "install"} />
      {(pages.page > 1 || activity.data.next_cursor) && <CursorPager pages={pages} nextCursor={activity.data.next_cursor} />}
    </Card>
  );
}
