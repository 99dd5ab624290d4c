import type { Db } from "@/server/db/client";
import { deliveryInclude } from "@/server/deliveries/to-delivery-dto";
import { findLiveEndpoint } from "@/server/endpoints/endpoint-records";
import { env } from "@/server/env";
import { notFound } from "@/server/errors";
import type { SubscriptionMessageDto } from "./schemas";
import { toSubscriptionMessageDto } from "./to-subscription-message-dto";

/** Seed 004 `GET /notifications/webhooks/{webhookId}/messages/{messageId}`: one delivery of the subscription. */
export async function getSubscriptionMessage({
  db,
  tenantId,
  webhookId,
  messageId,
  publicUrl = env().publicUrl,
}: {
  db: Db;
  tenantId: string;
  webhookId: string;
  messageId: string;
  publicUrl?: string;
}): Promise<SubscriptionMessageDto> {
  await findLiveEndpoint(db, { tenantId, endpointId: webhookId });
  const delivery = await db.delivery.findFirst({ where: { id: messageId, tenantId, endpointId: webhookId }, include: deliveryInclude });
  if (!delivery) throw notFound("Message");
  return toSubscriptionMessageDto(delivery, publicUrl);
}
