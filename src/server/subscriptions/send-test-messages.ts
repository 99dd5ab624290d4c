import type { Db } from "@/server/db/client";
import type { DeliveryRuntime } from "@/server/deliveries/attempt-delivery";
import { deliverNow } from "@/server/deliveries/deliver-now";
import { deliveryRuntime } from "@/server/deliveries/delivery-runtime";
import { assertEndpointEnabled, writeTestDeliveries } from "@/server/deliveries/send-test-event";
import { deliveryInclude } from "@/server/deliveries/to-delivery-dto";
import { invalidInput } from "@/server/endpoints/validation";
import { sendTestMessagesInput, testMessagesDto, type SendTestMessagesInput, type TestMessagesDto } from "./schemas";
import { findEndpointByUrl } from "./subscription-records";
import { toSubscriptionMessageDto } from "./to-subscription-message-dto";

/**
 * Seed 004 `POST /notifications/messages/test`: each named event's sample payload, sent to the URL at once and
 * answered with what was sent and how it went. The URL must be one of the tenant's subscriptions: the messages
 * are its test deliveries, so they are signed with its secret (the receiver checks them as it will check real
 * ones), go through the SSRF guard and the recording of every delivery, show in its message log, and never
 * count against its health. A URL nobody subscribed would have no secret to sign with and no log to keep them.
 */
export async function sendTestMessages({
  db,
  tenantId,
  input,
  runtime = deliveryRuntime(),
}: {
  db: Db;
  tenantId: string;
  input: SendTestMessagesInput;
  runtime?: DeliveryRuntime;
}): Promise<TestMessagesDto> {
  const { url, eventTypeIds } = sendTestMessagesInput.parse(input);
  const endpoint = await findEndpointByUrl(db, { tenantId, url });
  if (!endpoint) {
    throw invalidInput([{ path: ["url"], message: "is not the URL of one of your subscriptions; create one first with POST /notifications/webhooks" }]);
  }
  assertEndpointEnabled(endpoint);
  const deliveries = await writeTestDeliveries({ db, tenantId, endpointId: endpoint.id, events: eventTypeIds.map((eventType) => ({ eventType })) });
  const deliveryIds = deliveries.map((delivery) => delivery.id);
  await deliverNow({ db, deliveryIds, runtime });
  const sent = await db.delivery.findMany({ where: { id: { in: deliveryIds }, tenantId }, include: deliveryInclude });
  const inRequestOrder = deliveryIds.map((id) => sent.find((delivery) => delivery.id === id)!);
  return testMessagesDto.parse({
    type: "test",
    url,
    webhookId: endpoint.id,
    data: inRequestOrder.map((delivery) => toSubscriptionMessageDto(delivery, runtime.publicUrl)),
  });
}
