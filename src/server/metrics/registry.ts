import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { collectBacklog, collectDisabledEndpoints, collectExecutorQueue, collectOldestDueItem } from "./database-gauges";

/** Seconds: from a fast loopback receiver to the longest timeout an endpoint may set (30 s). */
const ATTEMPT_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: a healthy pipeline is well under a second; a backlog or a rate limit shows as minutes. */
const FIRST_ATTEMPT_LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

// Every label below takes few values, all known in advance (a catalog event type, an outcome, a status
// class, a route template, a limit's name): never an id, a URL, a tenant or anything a caller chooses, so
// the number of series stays bounded however much traffic arrives.
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    messagesPublished: new Counter({
      name: "hookline_messages_published_total",
      help: "Messages published (idempotent replays not counted), by event type",
      labelNames: ["event_type"] as const,
      registers,
    }),
    deliveriesCreated: new Counter({
      name: "hookline_deliveries_created_total",
      help: "Deliveries created by publishing (one per subscribed endpoint), by event type",
      labelNames: ["event_type"] as const,
      registers,
    }),
    deliveriesCompleted: new Counter({
      name: "hookline_deliveries_completed_total",
      help: "Deliveries that reached a final state, by event type and outcome (succeeded, failed: gave up, cancelled: endpoint deleted or disabled)",
      labelNames: ["event_type", "outcome"] as const,
      registers,
    }),
    attempts: new Counter({
      name: "hookline_delivery_attempts_total",
      help: "Requests sent to receivers, by response status class (none: no response) and error class (none: succeeded)",
      labelNames: ["status_class", "error_class"] as const,
      registers,
    }),
    attemptDuration: new Histogram({
      name: "hookline_delivery_attempt_duration_seconds",
      help: "Duration of one request to a receiver, by response status class",
      labelNames: ["status_class"] as const,
      buckets: ATTEMPT_DURATION_BUCKETS,
      registers,
    }),
    firstAttemptLatency: new Histogram({
      name: "hookline_delivery_first_attempt_latency_seconds",
      help: "From a message's publish to the first attempt of its delivery being sent",
      buckets: FIRST_ATTEMPT_LATENCY_BUCKETS,
      registers,
    }),
    apiRequests: new Counter({
      name: "hookline_api_requests_total",
      help: "REST API requests, by method, route template and response status",
      labelNames: ["method", "route", "status"] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: "hookline_api_rate_limited_total",
      help: "REST API requests refused with 429, by limit (api_key: the key's requests per second; invalid_api_key: the source address presented too many invalid keys)",
      labelNames: ["limit"] as const,
      registers,
    }),
    // read from the database at each scrape: the same for every process of a deployment
    backlog: new Gauge({
      name: "hookline_deliveries_backlog",
      help: "Unfinished deliveries, by state (pending: not attempted yet; delivering: an attempt is due or under way; waiting_to_retry: backing off after a failure)",
      labelNames: ["state"] as const,
      registers,
      collect: collectBacklog,
    }),
    disabledEndpoints: new Gauge({
      name: "hookline_endpoints_disabled",
      help: "Endpoints disabled by Hookline (410 Gone, or failing for HOOKLINE_AUTO_DISABLE_AFTER_DAYS) and not deleted",
      registers,
      collect: collectDisabledEndpoints,
    }),
    executorQueue: new Gauge({
      name: "hookline_executor_queue_items",
      help: "The embedded executor's queue, by state (due: runnable now, leased ones included; scheduled: a sleep, retry or cron later)",
      labelNames: ["state"] as const,
      registers,
      collect: collectExecutorQueue,
    }),
    oldestDueItem: new Gauge({
      name: "hookline_executor_oldest_due_item_age_seconds",
      help: "How long the embedded executor's oldest runnable queue item has been due (0: none due)",
      registers,
      collect: collectOldestDueItem,
    }),
  };
}

export type HooklineMetrics = ReturnType<typeof createMetrics>;

// globalThis: Next evaluates modules separately for instrumentation, route handlers and pages, and again on
// hot reload; one process keeps one registry, or counts would split and metric names clash.
const g = globalThis as unknown as { __hooklineMetrics?: HooklineMetrics };

/** This process's metrics (each process of a deployment has its own: Prometheus scrapes each one). */
export function metrics(): HooklineMetrics {
  return (g.__hooklineMetrics ??= createMetrics());
}
