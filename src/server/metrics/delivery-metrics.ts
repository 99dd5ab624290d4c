import { findEventType } from "@/server/catalog";
import { metrics } from "./registry";

/** A catalog name, or `unknown` for one that left the catalog since (labels take only known values). */
export function eventTypeLabel(name: string): string {
  return findEventType(name) ? name : "unknown";
}

/** `2xx`…`5xx` for a response, `none` when no response came (timeout, refused, SSRF guard…). */
export function statusClass(status: number | undefined): string {
  return status !== undefined && status >= 100 && status <= 599 ? `${Math.floor(status / 100)}xx` : "none";
}

export type DeliveryOutcome = "succeeded" | "failed" | "cancelled";

/** A message committed with this many deliveries (an idempotent replay commits nothing and is not counted). */
export function countPublishedMessage(eventType: string, deliveries: number): void {
  const { messagesPublished, deliveriesCreated } = metrics();
  const labels = { event_type: eventTypeLabel(eventType) };
  messagesPublished.inc(labels);
  if (deliveries) deliveriesCreated.inc(labels, deliveries);
}

export function countCompletedDelivery(eventType: string, outcome: DeliveryOutcome): void {
  metrics().deliveriesCompleted.inc({ event_type: eventTypeLabel(eventType), outcome });
}

/** One request sent to a receiver; `publishedAt` is given for a delivery's first attempt only. */
export function observeAttemptRequest(request: { status?: number; errorClass?: string; durationMs: number; sentAt: Date; publishedAt?: Date }): void {
  const { attempts, attemptDuration, firstAttemptLatency } = metrics();
  const status_class = statusClass(request.status);
  attempts.inc({ status_class, error_class: request.errorClass ?? "none" });
  attemptDuration.observe({ status_class }, request.durationMs / 1000);
  if (request.publishedAt) firstAttemptLatency.observe(Math.max(0, (request.sentAt.getTime() - request.publishedAt.getTime()) / 1000));
}
