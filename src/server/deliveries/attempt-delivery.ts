import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import { buildWireBody } from "@/server/catalog";
import { signatureHeaders } from "@/server/signing";
import { retryWait, type RetryPolicy } from "@/lib/retry-schedule";
import { isOperationalEventType } from "@/server/catalog";
import { enqueueDeliveriesAfterCommit } from "./enqueue-deliveries";
import { recordEndpointHealth, type HealthThresholds } from "./record-endpoint-health";
import { reportExhaustedDelivery } from "./report-exhausted-delivery";
import { sendWebhook, type SendWebhookResult } from "./send-webhook";
import { USER_AGENT, receiverAuthFor, redactCredentials } from "./delivery-headers";
import { destinationHostRateLimitWait } from "./destination-host-rate-limit";
import { endpointRateLimitWait } from "./endpoint-rate-limit";
import { unseal } from "@/server/crypto/sealed-box";
import { loadDeliveryForAttempt, type DeliveryForAttempt } from "./load-delivery-for-attempt";
import { reportAttempt, reportCancelledDelivery } from "./report-attempt";
import type { AttemptOutcome, PreparedAttempt } from "./attempt-outcome";

export type { AttemptOutcome, PreparedAttempt };

export type DeliveryRuntime = HealthThresholds & {
  encryptionKey: Buffer;
  publicUrl: string;
  allowPrivateNetworks: boolean;
  /** the longest a receiver's Retry-After may hold a retry back */
  retryAfterMaxSeconds: number;
};

type Verdict =
  | { kind: "succeeded" }
  | { kind: "gone" }
  | { kind: "retry"; inSeconds: number; retryAfterSeconds?: number }
  | { kind: "exhausted" };

function verdictFor(result: SendWebhookResult, attemptIndex: number, policy: RetryPolicy, now: Date, maxRetryAfterSeconds: number): Verdict {
  if (result.succeeded) return { kind: "succeeded" };
  if (result.status === 410) return { kind: "gone" };
  if (attemptIndex > policy.retryCount) return { kind: "exhausted" };
  const wait = retryWait({ policy, failedAttempt: attemptIndex, status: result.status, retryAfter: result.headers?.["retry-after"], now, maxRetryAfterSeconds });
  return { kind: "retry", inSeconds: wait.seconds, retryAfterSeconds: wait.retryAfterSeconds };
}


/**
 * Everything before sending: a finished delivery or a gone endpoint ends here, a spent endpoint or
 * destination host rate limit makes the attempt wait; otherwise the request is built and signed.
 */
export async function prepareAttempt(db: Db, loaded: DeliveryForAttempt, attemptIndex: number, runtime: DeliveryRuntime): Promise<PreparedAttempt | AttemptOutcome> {
  const { delivery, endpoint, message } = loaded;
  if (delivery.status === "succeeded" || delivery.status === "failed" || delivery.status === "cancelled") {
    return { done: true, status: delivery.status, attempts: delivery.attemptCount };
  }
  if (endpoint.deletedAt || endpoint.disabledAt || (!endpoint.isActive && !delivery.isTest)) {
    await db.delivery.update({
      where: { id: delivery.id },
      data: { status: "cancelled", completedAt: new Date(), nextAttemptAt: null, lastError: endpoint.deletedAt ? "Endpoint was deleted" : endpoint.disabledReason ?? "Endpoint is inactive" },
    });
    reportCancelledDelivery(loaded);
    return { done: true, status: "cancelled", attempts: delivery.attemptCount };
  }

  const throttledForMs = (await endpointRateLimitWait(db, endpoint)) || (await destinationHostRateLimitWait(db, endpoint.url));
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
  const secretContext = { purpose: "endpoint-secret", tenantId: delivery.tenantId, endpointId: endpoint.id } as const;
  const secrets = endpoint.signatureScheme === "none" ? [] : loaded.sealedSecrets.map((sealed) => unseal(sealed, runtime.encryptionKey, secretContext));
  const credentials = receiverAuthFor(endpoint, delivery.tenantId, runtime.encryptionKey);
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
  return { loaded, attemptIndex, headers, recordedHeaders, body, sentAt };
}

export function isPreparedAttempt(value: PreparedAttempt | AttemptOutcome): value is PreparedAttempt {
  return "headers" in value;
}

export function sendPreparedAttempt(prepared: PreparedAttempt, runtime: DeliveryRuntime): Promise<SendWebhookResult> {
  const { endpoint } = prepared.loaded;
  return sendWebhook({
    url: endpoint.url,
    method: "POST",
    headers: prepared.headers,
    body: prepared.body,
    timeoutMs: endpoint.timeoutMs,
    allowPrivateNetworks: runtime.allowPrivateNetworks,
  });
}

/** Writes successful attempts; resolves to each one's attempt number, undefined where the delivery vanished. */
export type SuccessRecorder = (success: RecordedSuccess) => Promise<number | undefined>;

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
  const prepared = await prepareAttempt(db, loaded, attemptIndex, runtime);
  if (!isPreparedAttempt(prepared)) return prepared;
  const result = await sendPreparedAttempt(prepared, runtime);
  return recordAttempt(db, prepared, result, runtime, async (success) => (await recordSuccesses(db, [success])).get(success.deliveryId));
}

/**
 * Records what an attempt's request got. The common case, a success on a healthy endpoint, goes to
 * `recordSuccess` (one statement, shared by a batch's successes); everything else is a transaction that also
 * keeps the endpoint's health.
 */
export async function recordAttempt(db: Db, prepared: PreparedAttempt, result: SendWebhookResult, runtime: DeliveryRuntime, recordSuccess: SuccessRecorder): Promise<AttemptOutcome> {
  const { loaded, attemptIndex, recordedHeaders, body, sentAt } = prepared;
  const { delivery, endpoint } = loaded;
  const deliveryId = delivery.id;
  const finishedAt = new Date();
  const verdict = verdictFor(result, attemptIndex, endpoint, finishedAt, runtime.retryAfterMaxSeconds);

  if (verdict.kind === "succeeded" && !endpoint.failingSince && !endpoint.failingAlertedAt) {
    const number = await recordSuccess({
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
    return reportAttempt(prepared, result, { done: true, status: "succeeded", attempts: number });
  }

  const { outcome, operationalDeliveries } = await db.$transaction(async (tx) => {
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
        retryAfterSeconds: verdict.kind === "retry" ? (verdict.retryAfterSeconds ?? null) : null,
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

    // Endpoint health and the operational events it changes. Test events probe the endpoint without counting against it.
    const operationalDeliveries =
      result.succeeded || !delivery.isTest || verdict.kind === "gone"
        ? await recordEndpointHealth(tx, {
            endpoint: { ...endpoint, tenantId: delivery.tenantId },
            succeeded: result.succeeded,
            gone: verdict.kind === "gone",
            exhausted: verdict.kind === "exhausted",
            lastError,
            at: finishedAt,
            thresholds: runtime,
          })
        : [];
    // an operational message that gives up is not reported in turn: that could feed on itself forever
    if ((verdict.kind === "exhausted" || verdict.kind === "gone") && !delivery.isTest && !isOperationalEventType(loaded.message.eventType)) {
      operationalDeliveries.push(...(await reportExhaustedDelivery(tx, { loaded, attempts: number, lastResponseStatus: result.status ?? null, lastError })));
    }

    const outcome: AttemptOutcome =
      verdict.kind === "retry"
        ? { done: false, retryInSeconds: verdict.inSeconds, attempts: number }
        : { done: true, status: verdict.kind === "succeeded" ? "succeeded" : "failed", attempts: number };
    return { outcome, operationalDeliveries };
  });
  if (operationalDeliveries.length) await enqueueDeliveriesAfterCommit({ db, deliveries: operationalDeliveries });
  return reportAttempt(prepared, result, outcome);
}

export type RecordedSuccess = {
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
};

/**
 * Records successful attempts and completes their deliveries in one statement, however many there are. Each
 * attempt's number is its delivery's attempt count plus one, the same as the highest recorded number plus
 * one, since every recorded attempt sets the count to its number. Deliveries that vanished meanwhile (their
 * message was purged) are absent from the result. Idempotent per attempt id: run again after its commit went
 * unacknowledged (a connection cut), it records nothing twice and answers the numbers recorded then.
 */
export async function recordSuccesses(db: Db, successes: readonly RecordedSuccess[]): Promise<Map<string, number>> {
  const numbers = new Map<string, number>();
  if (!successes.length) return numbers;
  const rows = JSON.stringify(
    successes.map((s) => ({
      attempt_id: s.attemptId,
      tenant_id: s.tenantId,
      delivery_id: s.deliveryId,
      endpoint_id: s.endpointId,
      request_url: s.requestUrl,
      request_headers: s.requestHeaders,
      request_body: s.requestBody,
      response_status: s.result.status ?? null,
      response_headers: s.result.headers ?? null,
      response_body: s.result.body ?? null,
      response_body_truncated: s.result.bodyTruncated ?? false,
      duration_ms: s.result.durationMs,
      sent_at: s.sentAt.toISOString(),
      finished_at: s.finishedAt.toISOString(),
    })),
  );
  const recorded = await db.$queryRaw<{ delivery_id: string; number: number }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS i(
        attempt_id uuid, tenant_id uuid, delivery_id uuid, endpoint_id uuid, request_url text, request_headers jsonb,
        request_body text, response_status int, response_headers jsonb, response_body text,
        response_body_truncated boolean, duration_ms int, sent_at timestamp(3), finished_at timestamp(3))
    ), delivery AS (
      UPDATE deliveries d
      SET attempt_count = d.attempt_count + 1, last_attempt_at = i.sent_at, last_error = NULL,
          status = 'succeeded'::"DeliveryStatus", next_attempt_at = NULL, completed_at = i.finished_at,
          updated_at = i.finished_at
      FROM input i
      WHERE d.id = i.delivery_id AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.id = i.attempt_id)
      RETURNING d.id, d.attempt_count
    ), recorded AS (
      INSERT INTO attempts (id, tenant_id, delivery_id, endpoint_id, number, request_url, request_headers, request_body,
                            response_status, response_headers, response_body, response_body_truncated, duration_ms,
                            error_class, error_message, succeeded, created_at)
      SELECT i.attempt_id, i.tenant_id, i.delivery_id, i.endpoint_id, delivery.attempt_count, i.request_url,
             i.request_headers, i.request_body, i.response_status, i.response_headers, i.response_body,
             i.response_body_truncated, i.duration_ms, NULL, NULL, true, i.sent_at
      FROM input i JOIN delivery ON delivery.id = i.delivery_id
      RETURNING delivery_id, number
    )
    SELECT delivery_id::text AS delivery_id, number FROM recorded
    UNION ALL
    SELECT a.delivery_id::text, a.number FROM attempts a JOIN input i ON a.id = i.attempt_id`;
  for (const row of recorded) numbers.set(row.delivery_id, Number(row.number));
  return numbers;
}
