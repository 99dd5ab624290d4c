import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { deliveryInclude } from "@/server/deliveries/to-delivery-dto";
import { findLiveEndpoint } from "@/server/endpoints/endpoint-records";
import { env } from "@/server/env";
import { afterCursor, encodeCursor, newestFirst } from "@/server/pagination/keyset-cursor";
import { parseMessageFilter, type MessageFilter } from "./message-filter";
import { pageLinks, subscriptionMessagesUrl } from "./links";
import { listSubscriptionMessagesQuery, subscriptionMessageListDto, type ListSubscriptionMessagesQuery, type SubscriptionMessageListDto } from "./schemas";
import { toSubscriptionMessageDto } from "./to-subscription-message-dto";

function deliveriesMatching(tenantId: string, webhookId: string, filter: MessageFilter): Prisma.DeliveryWhereInput {
  return {
    tenantId,
    endpointId: webhookId,
    status: filter.status,
    messageId: filter.eventId,
    message: filter.eventTypeId ? { eventType: filter.eventTypeId } : undefined,
    createdAt: filter.createdDate,
  };
}

/**
 * Seed 004 `GET /notifications/webhooks/{webhookId}/messages`: the subscription's deliveries, newest first,
 * as messages. The subscription is looked up first so another tenant's id is a 404, not an empty list.
 */
export async function listSubscriptionMessages({
  db,
  tenantId,
  webhookId,
  query = {},
  publicUrl = env().publicUrl,
}: {
  db: Db;
  tenantId: string;
  webhookId: string;
  query?: ListSubscriptionMessagesQuery;
  publicUrl?: string;
}): Promise<SubscriptionMessageListDto> {
  const { limit, filter, cursor } = listSubscriptionMessagesQuery.parse(query);
  const where = deliveriesMatching(tenantId, webhookId, parseMessageFilter(filter ?? ""));
  await findLiveEndpoint(db, { tenantId, endpointId: webhookId });
  const [rows, size] = await Promise.all([
    db.delivery.findMany({ where: { ...where, ...afterCursor(cursor) }, include: deliveryInclude, orderBy: [...newestFirst], take: limit + 1 }),
    db.delivery.count({ where }),
  ]);
  const page = rows.slice(0, limit);
  return subscriptionMessageListDto.parse({
    type: "list",
    count: page.length,
    size,
    data: page.map((delivery) => toSubscriptionMessageDto(delivery, publicUrl)),
    links: pageLinks(subscriptionMessagesUrl(publicUrl, webhookId), { limit, filter, cursor }, rows.length > limit ? encodeCursor(page.at(-1)!) : null),
  });
}
