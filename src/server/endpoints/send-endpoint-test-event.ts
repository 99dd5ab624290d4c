import type { Db } from "@/server/db/client";
import { sendTestEvent } from "@/server/deliveries/send-test-event";
import type { MessageDto } from "@/server/messages/schemas";
import { findLiveEndpoint } from "./endpoint-records";

/**
 * Seed 001 `POST /api/v2/webhook_endpoint/{id}/test?event=…`: delivers the event type's example payload
 * (or the given one) to this endpoint, whichever events it subscribes to.
 */
export async function sendEndpointTestEvent({
  db,
  tenantId,
  endpointId,
  eventType,
  payload,
}: {
  db: Db;
  tenantId: string;
  endpointId: string;
  eventType: string;
  payload?: unknown;
}): Promise<{ message: MessageDto }> {
  await findLiveEndpoint(db, { tenantId, endpointId });
  return sendTestEvent({ db, tenantId, endpointId, eventType, payload });
}
