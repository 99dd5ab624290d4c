import type { Attempt, Delivery, Message } from "@/generated/prisma/client";
import { deliveryDto, type DeliveryDto } from "./schemas";

type DeliveryRow = Delivery & { message: Message; attempts: Attempt[] };

export const deliveryInclude = {
  message: true,
  attempts: { orderBy: { number: "asc" } },
} as const;

export function toDeliveryDto(delivery: DeliveryRow): DeliveryDto {
  return deliveryDto.parse({
    id: delivery.id,
    task_id: delivery.id,
    message_id: delivery.messageId,
    endpoint_id: delivery.endpointId,
    event_type: delivery.message.eventType,
    status: delivery.status,
    attempt_count: delivery.attemptCount,
    next_attempt_at: delivery.nextAttemptAt,
    last_attempt_at: delivery.lastAttemptAt,
    completed_at: delivery.completedAt,
    last_error: delivery.lastError,
    retry_of: delivery.retryOfId,
    is_test: delivery.isTest,
    created_at: delivery.createdAt,
    payload: delivery.message.payload,
    attempts: delivery.attempts.map((attempt) => ({
      id: attempt.id,
      number: attempt.number,
      created_at: attempt.createdAt,
      request: { url: attempt.requestUrl, headers: attempt.requestHeaders, body: attempt.requestBody },
      response:
        attempt.responseStatus === null
          ? null
          : {
              status: attempt.responseStatus,
              headers: attempt.responseHeaders ?? {},
              body: attempt.responseBody ?? "",
              body_truncated: attempt.responseBodyTruncated,
            },
      duration_ms: attempt.durationMs,
      succeeded: attempt.succeeded,
      error_class: attempt.errorClass,
      error_message: attempt.errorMessage,
      retry_after_seconds: attempt.retryAfterSeconds,
    })),
  });
}
