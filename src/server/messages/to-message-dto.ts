import type { Delivery, Message } from "@/generated/prisma/client";
import { messageDto, type DeliverySummaryDto, type MessageDto } from "./schemas";

export function toDeliverySummaryDto(delivery: Delivery): DeliverySummaryDto {
  return {
    id: delivery.id,
    endpoint_id: delivery.endpointId,
    status: delivery.status,
    attempt_count: delivery.attemptCount,
    next_attempt_at: delivery.nextAttemptAt,
    completed_at: delivery.completedAt,
  };
}

export function toMessageDto(message: Message & { deliveries: Delivery[] }): MessageDto {
  return messageDto.parse({
    id: message.id,
    event_type: message.eventType,
    payload: message.payload,
    idempotency_key: message.idempotencyKey,
    ordering_key: message.orderingKey,
    created_at: message.createdAt,
    deliveries: message.deliveries.map(toDeliverySummaryDto),
  });
}
