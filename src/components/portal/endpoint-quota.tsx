"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { cn } from "@/components/ui/cn";

/** "12 of 100 endpoints": the tenant's endpoints against its quota, warning when it is spent. */
export function EndpointQuota() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.endpoints.quota.queryOptions());
  if (!data) return null;
  const full = data.used >= data.limit;
  return (
    <span
      className={cn("text-sm tabular-nums", full ? "text-amber-600 dark:text-amber-400" : "text-slate-500 dark:text-slate-400")}
      title={full ? "The endpoint quota is reached: delete an endpoint before adding another" : undefined}
    >
      {data.used} of {data.limit} endpoints
    </span>
  );
}
