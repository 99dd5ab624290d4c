import type { Attempt, Delivery, Message } from "@/generated/prisma/client";
import { buildWireBody, messageLinks } from "@/server/catalog";
import { subscriptionMessagesUrl, subscriptionUrl } from "./links";
import { subscriptionMessageDto, type SubscriptionMessageDto } from "./schemas";

type DeliveryRow = Delivery & { message: Message; attempts: Attempt[] };

/**
 * A delivery as seed 004's message. `payload` is the body that went out: the last attempt's as recorded, or,
 * before the first attempt, the body that will go out (built from the message alone, so it is the same).
 */
export function toSubscriptionMessageDto(delivery: DeliveryRow, publicUrl: string): SubscriptionMessageDto {
  const { message } = delivery;
  const sent =
    delivery.attempts.at(-1)?.requestBody ??
    buildWireBody({ eventType: message.eventType, payload: message.payload, messageId: message.id, createdAt: message.createdAt, publicUrl });
  return subscriptionMessageDto.parse({
    type: "message",
    id: delivery.id,
    webhookId: delivery.endpointId,
    eventTypeId: message.eventType,
    eventId: message.id,
    status: delivery.status,
    createdDate: delivery.createdAt,
    payload: JSON.parse(sent),
    attempts: delivery.attempts.map((attempt) => ({
      id: attempt.id,
      number: attempt.number,
      createdDate: attempt.createdAt,
      url: attempt.requestUrl,
      requestHeaders: attempt.requestHeaders,
      responseStatusCode: attempt.responseStatus,
      responseBody: attempt.responseBody,
      durationMs: attempt.durationMs,
      succeeded: attempt.succeeded,
      errorClass: attempt.errorClass,
      errorMessage: attempt.errorMessage,
    })),
    links: {
      self: `${subscriptionMessagesUrl(publicUrl, delivery.endpointId)}/${delivery.id}`,
      webhook: subscriptionUrl(publicUrl, delivery.endpointId),
      event: messageLinks(publicUrl, message.id).event,
    },
  });
}
