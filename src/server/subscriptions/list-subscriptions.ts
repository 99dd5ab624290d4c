import type { Db } from "@/server/db/client";
import { listEndpoints } from "@/server/endpoints/list-endpoints";
import { listEndpointsQuery, type ListEndpointsQuery } from "@/server/endpoints/schemas";
import { env } from "@/server/env";
import { pageLinks, subscriptionsUrl } from "./links";
import { subscriptionListDto, type SubscriptionListDto } from "./schemas";
import { toSubscriptionDto } from "./to-subscription-dto";

/** Seed 004 `GET /notifications/webhooks`: the tenant's endpoints, newest first, in seed 004's list envelope. */
export async function listSubscriptions({
  db,
  tenantId,
  query = {},
  encryptionKey = env().encryptionKey,
  publicUrl = env().publicUrl,
}: {
  db: Db;
  tenantId: string;
  query?: ListEndpointsQuery;
  encryptionKey?: Buffer;
  publicUrl?: string;
}): Promise<SubscriptionListDto> {
  const { limit, cursor } = listEndpointsQuery.parse(query);
  const [page, size] = await Promise.all([
    listEndpoints({ db, tenantId, query: { limit, cursor }, encryptionKey }),
    db.endpoint.count({ where: { tenantId, deletedAt: null } }),
  ]);
  return subscriptionListDto.parse({
    type: "list",
    count: page.data.length,
    size,
    data: page.data.map((endpoint) => toSubscriptionDto(endpoint, { publicUrl })),
    links: pageLinks(subscriptionsUrl(publicUrl), { limit, cursor }, page.next_cursor),
  });
}
