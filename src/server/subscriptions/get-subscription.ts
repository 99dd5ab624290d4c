import type { Db } from "@/server/db/client";
import { getEndpoint } from "@/server/endpoints/get-endpoint";
import { env } from "@/server/env";
import type { SubscriptionDto } from "./schemas";
import { toSubscriptionDto } from "./to-subscription-dto";

/** Seed 004 `GET /notifications/webhooks/{webhookId}`: any of the tenant's endpoints, seen as a subscription. */
export async function getSubscription({
  db,
  tenantId,
  webhookId,
  encryptionKey = env().encryptionKey,
  publicUrl = env().publicUrl,
}: {
  db: Db;
  tenantId: string;
  webhookId: string;
  encryptionKey?: Buffer;
  publicUrl?: string;
}): Promise<SubscriptionDto> {
  return toSubscriptionDto(await getEndpoint({ db, tenantId, endpointId: webhookId, encryptionKey }), { publicUrl });
}
