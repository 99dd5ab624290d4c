import { loggableUrl } from "@/server/activity/record-activity";
import type { Tx } from "@/server/endpoints/endpoint-records";
import type { PublishedDeliveryRow } from "@/server/messages/write-published-messages";
import { emitOperationalEvent } from "@/server/operational-events/emit-operational-event";
import type { DeliveryForAttempt } from "./load-delivery-for-attempt";

/** `message.attempt.exhausted` for a delivery that just gave up, in the transaction that failed it (so once per delivery). */
export function reportExhaustedDelivery(
  tx: Tx,
  { loaded, attempts, lastResponseStatus, lastError }: { loaded: DeliveryForAttempt; attempts: number; lastResponseStatus: number | null; lastError: string | null },
): Promise<PublishedDeliveryRow[]> {
  const { delivery, endpoint, message } = loaded;
  return emitOperationalEvent(tx, {
    tenantId: delivery.tenantId,
    eventType: "message.attempt.exhausted",
    payload: {
      tenant_id: delivery.tenantId,
      endpoint_id: endpoint.id,
      endpoint_url: loggableUrl(endpoint.url),
      message_id: message.id,
      delivery_id: delivery.id,
      event_type: message.eventType,
      attempts,
      last_response_status: lastResponseStatus,
      last_error: lastError,
    },
    key: `message.attempt.exhausted:${delivery.id}`,
  });
}
