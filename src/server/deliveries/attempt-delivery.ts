import type { Db } from "@/server/db/client";
import { buildWireBody } from "@/server/catalog";
import { signatureHeaders } from "@/server/signing";
import { retryDelaySeconds } from "@/lib/retry-schedule";
import { sendWebhook, type SendWebhookResult } from "./send-webhook";
import { USER_AGENT, receiverAuthFor, redactCredentials } from "./delivery-headers";
import { endpointRateLimitWait } from "./endpoint-rate-limit";
import { loadSigningSecrets } from "@/server/endpoints/load-signing-secrets";

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
  const delivery = await db.delivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true, message: true } });
  if (!delivery) return { done: true, status: "cancelled", attempts: 0 };
  if (delivery.status === "succeeded" || delivery.status === "failed" || delivery.status === "cancelled") {
    return { done: true, status: delivery.status, attempts: delivery.attemptCount };
  }
  const { endpoint, message } = delivery;
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
  const secrets = endpoint.signatureScheme === "none"
    ? []
    : await loadSigningSecrets({ db, tenantId: delivery.tenantId, endpointId: endpoint.id, encryptionKey: runtime.encryptionKey, now: sentAt });
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
        requestHeaders: redactCredentials(headers, credentials),
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
