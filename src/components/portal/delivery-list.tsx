"use client";
import { useState } from "react";
import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ChevronRight, RotateCcw } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeBlock, formatBody, HeaderTable } from "@/components/ui/code-block";
import { RelativeTime, formatDateTime } from "@/components/ui/relative-time";
import { cn } from "@/components/ui/cn";
import type { AttemptDto, DeliveryDto } from "@/server/deliveries/schemas";
import { errorMessage } from "./errors";
import { useCanChange } from "./portal-access";
import { DeliveryStatusBadge, HttpStatusBadge } from "./status-badge";

const errorClassLabels: Record<string, string> = {
  timeout: "Timed out",
  dns: "DNS lookup failed",
  connection_refused: "Connection refused",
  connection: "Connection failed",
  tls: "TLS error",
  ssrf_blocked: "Blocked address",
  non_2xx: "Non-2xx response",
  redirect: "Redirect (not followed)",
};

export function DeliveryList({ deliveries, endpointUrls, initiallyOpen }: {
  deliveries: DeliveryDto[];
  /** shown per row when the list spans endpoints */
  endpointUrls?: Map<string, string>;
  initiallyOpen?: string;
}) {
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="delivery-list">
      {deliveries.map((delivery) => (
        <DeliveryRow key={delivery.id} delivery={delivery} endpointUrl={endpointUrls?.get(delivery.endpoint_id)} showEndpoint={Boolean(endpointUrls)} defaultOpen={delivery.id === initiallyOpen} />
      ))}
    </ul>
  );
}

function DeliveryRow({ delivery, endpointUrl, showEndpoint, defaultOpen }: { delivery: DeliveryDto; endpointUrl?: string; showEndpoint: boolean; defaultOpen?: boolean }) {
  const [open, setOpen] = useState(Boolean(defaultOpen));
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canChange = useCanChange();
  const retry = useMutation(
    trpc.deliveries.retry.mutationOptions({
      onSuccess: async () => {
        toast.success("Retry queued", { description: "A new delivery of the same message is on its way." });
        await queryClient.invalidateQueries({ queryKey: trpc.deliveries.list.pathKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const finished = delivery.status === "failed" || delivery.status === "cancelled" || delivery.status === "succeeded";
  const lastAttempt = delivery.attempts.at(-1);
  return (
    <li data-testid="delivery-row" data-status={delivery.status}>
      <div className="flex items-center gap-3 px-4 py-2.5 hover:bg-slate-50/70 dark:hover:bg-slate-800/40">
        <button
          type="button"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          aria-label={`${open ? "Collapse" : "Expand"} delivery of ${delivery.event_type}`}
          className="flex min-w-0 flex-1 items-center gap-3 text-left outline-none focus-visible:ring-2 focus-visible:ring-indigo-500/40"
        >
          <ChevronRight className={cn("h-4 w-4 shrink-0 text-slate-400 transition-transform", open && "rotate-90")} aria-hidden />
          <span className="w-24 shrink-0">
            <DeliveryStatusBadge status={delivery.status} retrying={delivery.attempt_count > 0} />
          </span>
          <div className="min-w-0 flex-1">
            <div className="flex items-center gap-1.5">
              <span className="truncate font-mono text-xs font-medium">{delivery.event_type}</span>
              {delivery.is_test && <Badge tone="indigo">test</Badge>}
              {delivery.retry_of && <Badge tone="gray" title={`Retry of ${delivery.retry_of}`}>retry</Badge>}
            </div>
            <div className="truncate text-xs text-slate-500 dark:text-slate-400">
              {showEndpoint && <span>{endpointUrl ?? delivery.endpoint_id} · </span>}
              {delivery.attempt_count} attempt{delivery.attempt_count === 1 ? "" : "s"}
              {lastAttempt && ` · last ${lastAttempt.response ? `HTTP ${lastAttempt.response.status}` : errorClassLabels[lastAttempt.error_class ?? ""] ?? "error"} in ${lastAttempt.duration_ms} ms`}
              {!finished && delivery.next_attempt_at && (
                <>
                  {" · next attempt "}
                  <RelativeTime date={delivery.next_attempt_at} />
                </>
              )}
            </div>
          </div>
        </button>
        <RelativeTime date={delivery.created_at} className="shrink-0 text-xs text-slate-400" />
        {canChange && (delivery.status === "failed" || delivery.status === "cancelled") && (
          <Button variant="secondary" size="sm" loading={retry.isPending} onClick={() => retry.mutate({ delivery_id: delivery.id })}>
            <RotateCcw className="h-3 w-3" aria-hidden /> Retry
          </Button>
        )}
      </div>
      {open && <DeliveryDetail delivery={delivery} showEndpoint={showEndpoint} />}
    </li>
  );
}

function DeliveryDetail({ delivery, showEndpoint }: { delivery: DeliveryDto; showEndpoint: boolean }) {
  return (
    <div className="space-y-3 border-t border-slate-100 bg-slate-50/60 px-4 py-3 pl-11 dark:border-slate-800 dark:bg-slate-950/40">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-xs sm:grid-cols-4">
        <Meta label="Delivery (task) id" value={delivery.id} mono />
        <Meta label="Message id" value={delivery.message_id} mono />
        <Meta label="Created" value={formatDateTime(delivery.created_at)} />
        <Meta label="Completed" value={delivery.completed_at ? formatDateTime(delivery.completed_at) : "—"} />
      </dl>
      {showEndpoint && (
        <Link href={`/endpoints/${delivery.endpoint_id}?delivery=${delivery.id}`} className="inline-block text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Open on the endpoint page →
        </Link>
      )}
      {delivery.last_error && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-xs text-red-800 dark:bg-red-500/10 dark:text-red-300">
          <span className="font-semibold">Last error:</span> {delivery.last_error}
        </p>
      )}
      {delivery.attempts.length === 0 ? (
        <p className="text-xs text-slate-500">No attempt yet — the first one is on its way.</p>
      ) : (
        <ol className="space-y-2">
          {delivery.attempts.map((attempt) => (
            <AttemptItem key={attempt.id} attempt={attempt} defaultOpen={attempt === delivery.attempts.at(-1)} />
          ))}
        </ol>
      )}
    </div>
  );
}

function Meta({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-slate-400">{label}</dt>
      <dd className={cn("truncate text-slate-700 dark:text-slate-300", mono && "font-mono")} title={value}>
        {value}
      </dd>
    </div>
  );
}

function AttemptItem({ attempt, defaultOpen }: { attempt: AttemptDto; defaultOpen: boolean }) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <li data-testid="attempt" className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} className="flex w-full flex-wrap items-center gap-2 px-3 py-2 text-left text-xs">
        <ChevronRight className={cn("h-3.5 w-3.5 text-slate-400 transition-transform", open && "rotate-90")} aria-hidden />
        <span className="font-semibold">Attempt {attempt.number}</span>
        {attempt.response ? <HttpStatusBadge status={attempt.response.status} /> : <Badge tone="red">{errorClassLabels[attempt.error_class ?? ""] ?? "Error"}</Badge>}
        <span className="text-slate-500">{attempt.duration_ms} ms</span>
        <span className="ml-auto text-slate-400">{formatDateTime(attempt.created_at)}</span>
      </button>
      {open && (
        <div className="grid gap-4 border-t border-slate-100 p-3 2xl:grid-cols-2 dark:border-slate-800">
          <section className="min-w-0 space-y-2">
            <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Request</h4>
            <p className="truncate font-mono text-xs" title={attempt.request.url}>
              POST {attempt.request.url}
            </p>
            <HeaderTable headers={attempt.request.headers} label={`Attempt ${attempt.number} request headers`} />
            <CodeBlock code={formatBody(attempt.request.body)} language="json" label={`Attempt ${attempt.number} request body`} maxHeight="max-h-64" />
          </section>
          <section className="min-w-0 space-y-2">
            <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Response</h4>
            {attempt.response ? (
              <>
                <p className="text-xs">
                  <HttpStatusBadge status={attempt.response.status} /> <span className="text-slate-500">in {attempt.duration_ms} ms</span>
                </p>
                <HeaderTable headers={attempt.response.headers} label={`Attempt ${attempt.number} response headers`} />
                <CodeBlock code={formatBody(attempt.response.body)} label={`Attempt ${attempt.number} response body`} maxHeight="max-h-64" />
                {attempt.response.body_truncated && <p className="text-xs text-slate-500">Body truncated: Hookline keeps the first part of large responses.</p>}
              </>
            ) : (
              <p className="rounded-md bg-red-50 px-3 py-2 text-xs text-red-800 dark:bg-red-500/10 dark:text-red-300">
                <span className="font-semibold">{errorClassLabels[attempt.error_class ?? ""] ?? "No response"}</span>
                {attempt.error_message && <> — {attempt.error_message}</>}
              </p>
            )}
            {attempt.response && attempt.error_message && <p className="text-xs text-red-700 dark:text-red-400">{attempt.error_message}</p>}
          </section>
        </div>
      )}
    </li>
  );
}
