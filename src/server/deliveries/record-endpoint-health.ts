import type { Endpoint } from "@/generated/prisma/client";
import { loggableUrl } from "@/server/activity/record-activity";
import type { Tx } from "@/server/endpoints/endpoint-records";
import { emitOperationalEvent } from "@/server/operational-events/emit-operational-event";
import type { PublishedDeliveryRow } from "@/server/messages/write-published-messages";

export type HealthThresholds = {
  /** consecutive failure span after which an endpoint is disabled automatically */
  autoDisableAfterMs: number;
  /** failed attempts in a row that make an endpoint failing */
  failingAfterFailures: number;
};

type EndpointHealth = Pick<Endpoint, "id" | "tenantId" | "url" | "failingSince" | "failingAlertedAt">;

function aboutEndpoint(endpoint: EndpointHealth) {
  return { tenant_id: endpoint.tenantId, endpoint_id: endpoint.id, endpoint_url: loggableUrl(endpoint.url) };
}

/**
 * Keeps an endpoint's health after one of its attempts, in the attempt's transaction, and emits the
 * operational events it changes: a success ends a failing streak (`endpoint.recovered` when the streak was
 * alerted), a long enough streak is `endpoint.failing`, a long one or 410 Gone disables it
 * (`endpoint.disabled`). Each is a conditional update of the endpoint row, so concurrent attempts and a
 * re-run after a crash send each event once per episode. Returns the deliveries of the events emitted.
 */
export async function recordEndpointHealth(
  tx: Tx,
  { endpoint, succeeded, gone, exhausted, lastError, at, thresholds }: {
    endpoint: EndpointHealth; succeeded: boolean; gone: boolean; exhausted: boolean; lastError: string | null; at: Date; thresholds: HealthThresholds;
  },
): Promise<PublishedDeliveryRow[]> {
  const emitted: PublishedDeliveryRow[] = [];
  if (succeeded) {
    if (!endpoint.failingSince && !endpoint.failingAlertedAt) return emitted;
    // The streak as the database holds it, not as this attempt read the endpoint: a concurrent attempt may
    // have alerted (or recovered) it since. One statement ends an alerted streak and returns what it was.
    const [recovered] = await tx.$queryRaw<{ failing_since: Date | null; failing_alerted_at: Date }[]>`
      WITH streak AS (
        SELECT id, failing_since, failing_alerted_at FROM endpoints WHERE id = ${endpoint.id}::uuid AND failing_alerted_at IS NOT NULL FOR UPDATE
      )
      UPDATE endpoints e SET failing_since = NULL, consecutive_failures = 0, failing_alerted_at = NULL, recovered_at = ${at.toISOString()}::timestamp(3)
      FROM streak WHERE e.id = streak.id
      RETURNING streak.failing_since, streak.failing_alerted_at`;
    if (recovered) {
      emitted.push(...(await emitOperationalEvent(tx, {
        tenantId: endpoint.tenantId,
        eventType: "endpoint.recovered",
        payload: { ...aboutEndpoint(endpoint), failing_since: recovered.failing_since?.toISOString() ?? null, recovered_at: at.toISOString() },
        key: `endpoint.recovered:${endpoint.id}:${recovered.failing_alerted_at.toISOString()}`,
      })));
    } else {
      await tx.endpoint.update({ where: { id: endpoint.id }, data: { failingSince: null, consecutiveFailures: 0 } });
    }
    return emitted;
  }

  const health = await tx.endpoint.update({
    where: { id: endpoint.id },
    data: { failingSince: endpoint.failingSince ?? at, consecutiveFailures: { increment: 1 } },
    select: { failingSince: true, consecutiveFailures: true, failingAlertedAt: true },
  });
  const failingSince = health.failingSince ?? at;

  if (health.consecutiveFailures >= thresholds.failingAfterFailures && !health.failingAlertedAt) {
    const alerted = await tx.endpoint.updateMany({ where: { id: endpoint.id, failingAlertedAt: null }, data: { failingAlertedAt: at } });
    if (alerted.count) {
      emitted.push(...(await emitOperationalEvent(tx, {
        tenantId: endpoint.tenantId,
        eventType: "endpoint.failing",
        payload: { ...aboutEndpoint(endpoint), consecutive_failures: health.consecutiveFailures, failing_since: failingSince.toISOString(), last_error: lastError },
        key: `endpoint.failing:${endpoint.id}:${failingSince.toISOString()}`,
      })));
    }
  }

  const disabledReason = gone
    ? `Disabled automatically: the receiver answered 410 Gone on ${at.toISOString()}`
    : exhausted && at.getTime() - failingSince.getTime() >= thresholds.autoDisableAfterMs
      ? `Disabled automatically: every delivery failed since ${failingSince.toISOString()}`
      : null;
  if (disabledReason) {
    const disabled = await tx.endpoint.updateMany({
      where: { id: endpoint.id, disabledAt: null },
      data: { isActive: false, disabledAt: at, disabledReason },
    });
    if (disabled.count) {
      emitted.push(...(await emitOperationalEvent(tx, {
        tenantId: endpoint.tenantId,
        eventType: "endpoint.disabled",
        payload: { ...aboutEndpoint(endpoint), trigger: "automatic", reason: disabledReason, disabled_at: at.toISOString(), failing_since: failingSince.toISOString() },
        key: `endpoint.disabled:${endpoint.id}:${at.toISOString()}`,
      })));
    }
  }
  return emitted;
}
