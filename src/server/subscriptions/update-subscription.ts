import { systemActor, type Actor } from "@/server/access/caller";
import { loggableUrl, recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { lockEndpoint, lockTenant } from "@/server/endpoints/endpoint-records";
import { readSecrets } from "@/server/endpoints/get-endpoint-secret";
import { toEndpointDto } from "@/server/endpoints/to-endpoint-dto";
import { applyEndpointUpdate } from "@/server/endpoints/update-endpoint";
import { env } from "@/server/env";
import { updateSubscriptionInput, type SubscriptionDto, type UpdateSubscriptionInput } from "./schemas";
import { assertUrlNotSubscribed } from "./subscription-records";
import { metadataWithName, toSubscriptionDto } from "./to-subscription-dto";

/**
 * Seed 004 `POST /notifications/webhooks/{webhookId}`: changes the fields sent, through the same update as
 * seed 001's PUT. A new URL locks the tenant first (the order every write locking both uses) so that it cannot
 * race a subscription being created for it.
 */
export async function updateSubscription({
  db,
  tenantId,
  webhookId,
  input,
  encryptionKey = env().encryptionKey,
  publicUrl = env().publicUrl,
  actor = systemActor,
}: {
  db: Db;
  tenantId: string;
  webhookId: string;
  input: UpdateSubscriptionInput;
  encryptionKey?: Buffer;
  publicUrl?: string;
  actor?: Actor;
}): Promise<SubscriptionDto> {
  const data = updateSubscriptionInput.parse(input);
  const { url, subscribedEvents, name, description } = data;
  const { endpoint, secret } = await db.$transaction(async (tx) => {
    if (url !== undefined) await lockTenant(tx, tenantId);
    const current = await lockEndpoint(tx, { tenantId, endpointId: webhookId });
    if (url !== undefined && url !== current.url) await assertUrlNotSubscribed(tx, { tenantId, url });
    const endpoint = await applyEndpointUpdate(tx, {
      tenantId,
      current,
      encryptionKey,
      input: {
        url,
        enabled_events: subscribedEvents,
        description: description === undefined ? undefined : (description ?? ""),
        metadata: name === undefined ? undefined : metadataWithName(current.metadata as Record<string, string>, name),
      },
    });
    // field names only, as for every endpoint change: values may be anything the tenant typed
    const changed = Object.keys(data).filter((field) => data[field as keyof typeof data] !== undefined);
    await recordActivity({
      db: tx,
      tenantId,
      actor,
      action: "endpoint.updated",
      targetId: webhookId,
      summary: `Changed ${changed.length ? changed.join(", ") : "nothing"} of subscription ${loggableUrl(endpoint.url)}`,
    });
    return { endpoint, secret: (await readSecrets(tx, { endpoint, encryptionKey })).secret };
  });
  return toSubscriptionDto(toEndpointDto(endpoint, encryptionKey), { publicUrl, secret });
}
