import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import { buildWireBody } from "@/server/catalog";
import { signatureHeaders } from "@/server/signing";
import { retryDelaySeconds } from "@/lib/retry-schedule";
import { sendWebhook, type SendWebhookResult } from "./send-webhook";
import { USER_AGENT, receiverAuthFor, redactCredentials } from "./delivery-headers";
import { endpointRateLimitWait } from "./endpoint-rate-limit";
import { unseal } from "@/server/crypto/sealed-box";
import { loadDeliveryForAttempt } from "./load-delivery-for-attempt";

export type DeliveryRuntime = {
  encryptionKey: Buffer;
  publicUrl: string;
  allowPrivateNetworks: boolean;
  /** consecutive failure span after which an endpoint is disabled automatically */
  autoDisableAfterMs: number;
};

export type AttemptOutcome =
  | { done: true; status: "succeeded" | "failed" | "cancelled"; attempts: number }
  | { done: false; retryInSeconds: number; attempts: number }
  /** the endpoint's rate limit is spent: nothing was sent, the same attempt waits and tries again */
  | { done: false; throttledForSeconds: number; attempts: number };

type Verdict =
  | { kind: "succeeded" }
  | { kind: "gone" }
  | { kind: "retry"; inSeconds: number }
  | { kind: "exhausted" };

function verdictFor(result: SendWebhookResult, attemptIndex: number, policy: { retryCount: number; retryIntervalSeconds: number; backoff: "fixed" | "exponential" }): Verdict {
  if (result.succeeded) return { kind: "succeeded" };
  if (result.status === 410) return { kind: "gone" };
  if (attemptIndex > policy.retryCount) return { kind: "exhausted" };
  return { kind: "retry", inSeconds: retryDelaySeconds(policy, attemptIndex) };
}

/**
 * One attempt of a delivery: sign, send, record. `attemptIndex` is the attempt's place in the endpoint's
 * retry budget (1 = first try). Safe to run again after a crash: a finished delivery is left alone, and a
 * repeated attempt is recorded as the extra request it really was.
 */
export async function attemptDelivery({ db, deliveryId, attemptIndex, runtime }: {
  db: Db; deliveryId: string; attemptIndex: number; runtime: DeliveryRuntime;
}): Promise<AttemptOutcome> {
  const loaded = await loadDeliveryForAttempt(db, deliveryId, new Date());
  if (!loaded) return { done: true, status: "cancelled", attempts: 0 };
  const { delivery, endpoint, message } = loaded;
  if (delivery.status === "succeeded" || delivery.status === "failed" || delivery.status === "cancelled") {
    return { done: true, status: delivery.status, attempts: delivery.attemptCount };
  }
  if (endpoint.deletedAt || endpoint.disabledAt || (!endpoint.isActive && !delivery.isTest)) {
    await db.delivery.update({
      where: { id: delivery.id },
      data: { status: "cancelled", completedAt: new Date(), nextAttemptAt: null, lastError: endpoint.deletedAt ? "Endpoint was deleted" : endpoint.disabledReason ?? "Endpoint is inactive" },
    });
    return { done: true, status: "cancelled", attempts: delivery.attemptCount };
  }

  const throttledForMs = await endpointRateLimitWait(db, endpoint);
  if (throttledForMs > 0) {
    return { done: false, throttledForSeconds: Math.ceil(throttledForMs / 1000), attempts: delivery.attemptCount };
  }

  const body = buildWireBody({
    eventType: message.eventType,
    payload: message.payload,
    messageId: message.id,
    createdAt: message.createdAt,
    publicUrl: runtime.publicUrl,
  });
  const sentAt = new Date();
  const secrets = endpoint.signatureScheme === "none" ? [] : loaded.sealedSecrets.map((sealed) => unseal(sealed, runtime.encryptionKey));
  const credentials = receiverAuthFor(endpoint, runtime.encryptionKey);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    ...(endpoint.customHeaders as Record<string, string>),
    ...credentials,
    // stable across attempts and manual retries of the same message, so receivers can deduplicate
    "x-hookline-message-id": message.id,
    "x-hookline-event-type": message.eventType,
    "x-hookline-attempt": String(delivery.attemptCount + 1),
    ...signatureHeaders({
      scheme: endpoint.signatureScheme,
      secrets,
      messageId: message.id,
      timestamp: sentAt,
      body,
      method: "POST",
      url: endpoint.url,
    }),
  };

  // what the attempt records (and the portal and API show): headers whose value is a secret itself — receiver
  // credentials, and the token scheme's token, which is the endpoint's secret — are redacted
  const recordedHeaders = redactCredentials(headers, endpoint.signatureScheme === "token" ? { ...credentials, "X-Webhook-Token": "" } : credentials);

  const result = await sendWebhook({
    url: endpoint.url,
    method: "POST",
    headers,
    body,
    timeoutMs: endpoint.timeoutMs,
    allowPrivateNetworks: runtime.allowPrivateNetworks,
  });
  const verdict = verdictFor(result, attemptIndex, endpoint);
  const finishedAt = new Date();

  // The common case, a success on a healthy endpoint, in one statement; everything else below in a transaction.
  if (verdict.kind === "succeeded" && !endpoint.failingSince) {
    const number = await recordSuccess(db, {
      attemptId: randomUUID(),
      tenantId: delivery.tenantId,
      deliveryId,
      endpointId: endpoint.id,
      requestUrl: endpoint.url,
      requestHeaders: recordedHeaders,
      requestBody: body,
      result,
      sentAt,
      finishedAt,
    });
    // the delivery vanished meanwhile (its message was purged): nothing was recorded, nothing is left to do
    if (number === undefined) return { done: true, status: "cancelled", attempts: delivery.attemptCount };
    return { done: true, status: "succeeded", attempts: number };
  }

  return db.$transaction(async (tx): Promise<AttemptOutcome> => {
    const previous = await tx.attempt.aggregate({ where: { deliveryId }, _max: { number: true } });
    const number = (previous._max.number ?? 0) + 1;
    await tx.attempt.create({
      data: {
        tenantId: delivery.tenantId,
        deliveryId,
        endpointId: endpoint.id,
        number,
        requestUrl: endpoint.url,
        requestHeaders: recordedHeaders,
        requestBody: body,
        responseStatus: result.status ?? null,
        responseHeaders: result.headers ?? undefined,
        responseBody: result.body ?? null,
        responseBodyTruncated: result.bodyTruncated ?? false,
        durationMs: result.durationMs,
        errorClass: result.errorClass ?? null,
        errorMessage: result.errorMessage ?? null,
        succeeded: result.succeeded,
        createdAt: sentAt,
      },
    });
    const lastError = result.succeeded ? null : result.errorMessage ?? `HTTP ${result.status}`;
    const common = { attemptCount: number, lastAttemptAt: sentAt, lastError };

    const nextAttemptAt = verdict.kind === "retry" ? new Date(finishedAt.getTime() + verdict.inSeconds * 1000) : null;
    const status = verdict.kind === "succeeded" ? "succeeded" : verdict.kind === "retry" ? "delivering" : "failed";
    await tx.delivery.update({
      where: { id: deliveryId },
      data: { ...common, status, nextAttemptAt, completedAt: verdict.kind === "retry" ? null : finishedAt },
    });

    // Endpoint health: a success ends a failing streak; a long streak, or 410 Gone, disables the endpoint.
    // Test events probe the endpoint without counting against it.
    if (result.succeeded) {
      if (endpoint.failingSince) await tx.endpoint.update({ where: { id: endpoint.id }, data: { failingSince: null } });
    } else if (!delivery.isTest || verdict.kind === "gone") {
      const failingSince = endpoint.failingSince ?? sentAt;
      const disabledReason =
        verdict.kind === "gone"
          ? `Disabled automatically: the receiver answered 410 Gone on ${finishedAt.toISOString()}`
          : verdict.kind === "exhausted" && finishedAt.getTime() - failingSince.getTime() >= runtime.autoDisableAfterMs
            ? `Disabled automatically: every delivery failed since ${failingSince.toISOString()}`
            : null;
      if (disabledReason) {
        await tx.endpoint.update({
          where: { id: endpoint.id },
          data: { failingSince, isActive: false, disabledAt: finishedAt, disabledReason },
        });
      } else if (!endpoint.failingSince) {
        await tx.endpoint.update({ where: { id: endpoint.id }, data: { failingSince } });
      }
    }

    if (verdict.kind === "retry") return { done: false, retryInSeconds: verdict.inSeconds, attempts: number };
    return { done: true, status: verdict.kind === "succeeded" ? "succeeded" : "failed", attempts: number };
  });
}

/**
 * Records a successful attempt and completes its delivery in one statement (no transaction round trips). The
 * attempt's number is the delivery's attempt count plus one, the same as the highest recorded number plus
 * one, since every recorded attempt sets the count to its number.
 */
async function recordSuccess(db: Db, a: {
  attemptId: string;
  tenantId: string;
  deliveryId: string;
  endpointId: string;
  requestUrl: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  result: SendWebhookResult;
  sentAt: Date;
  finishedAt: Date;
}): Promise<number | undefined> {
  const sentAt = a.sentAt.toISOString();
  const finishedAt = a.finishedAt.toISOString();
  const rows = await db.$queryRaw<{ number: number }[]>`
    WITH delivery AS (
      UPDATE deliveries
      SET attempt_count = attempt_count + 1, last_attempt_at = ${sentAt}::timestamp(3), last_error = NULL,
          status = 'succeeded'::"DeliveryStatus", next_attempt_at = NULL, completed_at = ${finishedAt}::timestamp(3),
          updated_at = ${finishedAt}::timestamp(3)
      WHERE id = ${a.deliveryId}::uuid
      RETURNING attempt_count
    )
    INSERT INTO attempts (id, tenant_id, delivery_id, endpoint_id, number, request_url, request_headers, request_body,
                          response_status, response_headers, response_body, response_body_truncated, duration_ms,
                          error_class, error_message, succeeded, created_at)
    SELECT ${a.attemptId}::uuid, ${a.tenantId}::uuid, ${a.deliveryId}::uuid, ${a.endpointId}::uuid, delivery.attempt_count,
           ${a.requestUrl}, ${JSON.stringify(a.requestHeaders)}::jsonb, ${a.requestBody},
           ${a.result.status ?? null}::int, ${a.result.headers ? JSON.stringify(a.result.headers) : null}::jsonb,
           ${a.result.body ?? null}, ${a.result.bodyTruncated ?? false}, ${a.result.durationMs}::int,
           NULL, NULL, true, ${sentAt}::timestamp(3)
    FROM delivery
    RETURNING number`;
  return rows[0] === undefined ? undefined : Number(rows[0].number);
}
