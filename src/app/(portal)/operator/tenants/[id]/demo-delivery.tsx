"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { Badge } from "@/components/ui/badge";
import { CodeBlock, formatBody } from "@/components/ui/code-block";
import { formatDateTime } from "@/components/ui/relative-time";
import { LiveIndicator } from "@/components/portal/live-indicator";
import { DeliveryStatusBadge, HttpStatusBadge } from "@/components/portal/status-badge";
import type { DeliveryStatusName } from "@/server/messages/schemas";

const settled: DeliveryStatusName[] = ["succeeded", "failed", "cancelled"];

/** A demo delivery arriving: its status and each attempt, polled every second until it settles. */
export function DemoDelivery({ tenantId, deliveryId }: { tenantId: string; deliveryId: string }) {
  const trpc = useTRPC();
  const delivery = useQuery(
    trpc.operator.tenants.delivery.queryOptions(
      { tenant: tenantId, id: deliveryId },
      { refetchInterval: (query) => (query.state.data && settled.includes(query.state.data.status) ? false : 1_000) },
    ),
  );
  const data = delivery.data;
  if (!data) return <p className="p-4 text-sm text-slate-500">{delivery.isError ? delivery.error.message : "Sending…"}</p>;
  const lastAttempt = data.attempts.at(-1);
  return (
    <div data-testid="demo-delivery" data-status={data.status} className="space-y-3 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <DeliveryStatusBadge status={data.status} retrying={data.attempt_count > 0} />
        <span className="font-mono text-xs font-medium">{data.event_type}</span>
        <span className="text-xs text-slate-500">
          {data.attempt_count} attempt{data.attempt_count === 1 ? "" : "s"}
        </span>
        {!settled.includes(data.status) && (
          <span className="ml-auto">
            <LiveIndicator label="Watching" />
          </span>
        )}
      </div>
      {data.attempts.length === 0 ? (
        <p className="text-xs text-slate-500">No attempt yet — the first one is on its way.</p>
      ) : (
        <ol className="space-y-1.5" aria-label="Attempts">
          {data.attempts.map((attempt) => (
            <li key={attempt.id} data-testid="demo-attempt" className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 px-3 py-1.5 text-xs dark:border-slate-800">
              <span className="font-semibold">Attempt {attempt.number}</span>
              {attempt.response ? <HttpStatusBadge status={attempt.response.status} /> : <Badge tone="red">{attempt.error_class ?? "error"}</Badge>}
              <span className="text-slate-500">{attempt.duration_ms} ms</span>
              {attempt.error_message && <span className="truncate text-red-600 dark:text-red-400">{attempt.error_message}</span>}
              <span className="ml-auto text-slate-400">{formatDateTime(attempt.created_at)}</span>
            </li>
          ))}
        </ol>
      )}
      {lastAttempt && (
        <div className="grid gap-3 md:grid-cols-2">
          <CodeBlock code={formatBody(lastAttempt.request.body)} language="json" label="Request body" maxHeight="max-h-48" />
          <CodeBlock code={formatBody(lastAttempt.response?.body ?? "")} label="Response body" maxHeight="max-h-48" />
        </div>
      )}
      {data.next_attempt_at && !settled.includes(data.status) && (
        <p className="text-xs text-slate-500">Next attempt at {formatDateTime(data.next_attempt_at)}.</p>
      )}
    </div>
  );
}
