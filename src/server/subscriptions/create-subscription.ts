import { systemActor, type Actor } from "@/server/access/caller";
import { loggableUrl, recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { insertEndpoint } from "@/server/endpoints/create-endpoint";
import { lockTenant } from "@/server/endpoints/endpoint-records";
import { readSecrets } from "@/server/endpoints/get-endpoint-secret";
import { toEndpointDto } from "@/server/endpoints/to-endpoint-dto";
import { env } from "@/server/env";
import { createSubscriptionInput, type CreateSubscriptionInput, type SubscriptionDto } from "./schemas";
import { assertUrlNotSubscribed } from "./subscription-records";
import { metadataWithName, toSubscriptionDto } from "./to-subscription-dto";

/**
 * Seed 004 `POST /notifications/webhooks`: registers an endpoint signed the Standard Webhooks way (`whsec_`
 * secret, webhook-id / webhook-timestamp / webhook-signature headers), which is how the guide's provider
 * signs, and answers with its secret. The tenant row is locked so that two requests cannot both subscribe a URL.
 */
export async function createSubscription({
  db,
  tenantId,
  input,
  encryptionKey = env().encryptionKey,
  publicUrl = env().publicUrl,
  actor = systemActor,
}: {
  db: Db;
  tenantId: string;
  input: CreateSubscriptionInput;
  encryptionKey?: Buffer;
  publicUrl?: string;
  actor?: Actor;
}): Promise<SubscriptionDto> {
  const { url, subscribedEvents, name, description } = createSubscriptionInput.parse(input);
  const { endpoint, secret } = await db.$transaction(async (tx) => {
    await lockTenant(tx, tenantId);
    await assertUrlNotSubscribed(tx, { tenantId, url });
    const endpoint = await insertEndpoint(tx, {
      tenantId,
      encryptionKey,
      input: {
        url,
        enabled_events: subscribedEvents,
        description: description ?? "",
        metadata: metadataWithName({}, name ?? null),
        signature_scheme: "standard",
      },
    });
    await recordActivity({ db: tx, tenantId, actor, action: "endpoint.created", targetId: endpoint.id, summary: `Subscribed ${loggableUrl(url)} to ${subscribedEvents.join(", ")}` });
    return { endpoint, secret: (await readSecrets(tx, { endpoint, encryptionKey })).secret };
  });
  return toSubscriptionDto(toEndpointDto(endpoint, encryptionKey), { publicUrl, secret });
}
