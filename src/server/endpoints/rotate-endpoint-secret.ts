import { systemActor, type Actor } from "@/server/access/caller";
import { loggableUrl, recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { issueSecret, lockEndpoint, retireSecrets } from "./endpoint-records";
import { readSecrets } from "./get-endpoint-secret";
import { rotateSecretInput, type EndpointSecretDto, type RotateSecretInput } from "./schemas";

/**
 * Seed 001 `PATCH /api/v2/webhook_endpoint/{id}/secret`: a new current secret; the previous ones keep
 * signing beside it until the overlap ends (default 24 h) so receivers can switch without dropping
 * deliveries. An overlap of 0 retires them at once, for a leaked secret.
 */
export async function rotateEndpointSecret({
  db,
  tenantId,
  endpointId,
  input = {},
  encryptionKey = env().encryptionKey,
  actor = systemActor,
}: {
  db: Db;
  tenantId: string;
  endpointId: string;
  input?: RotateSecretInput;
  encryptionKey?: Buffer;
  actor?: Actor;
}): Promise<EndpointSecretDto> {
  const { overlap_seconds } = rotateSecretInput.parse(input);
  return db.$transaction(async (tx) => {
    const endpoint = await lockEndpoint(tx, { tenantId, endpointId });
    const now = new Date();
    await retireSecrets(tx, { endpointId, until: new Date(now.getTime() + overlap_seconds * 1000) });
    await issueSecret(tx, { tenantId, endpointId, scheme: endpoint.signatureScheme, encryptionKey });
    await recordActivity({
      db: tx,
      tenantId,
      actor,
      action: "endpoint.secret_rotated",
      targetId: endpointId,
      summary: `Rotated the signing secret of ${loggableUrl(endpoint.url)}; the previous one signs for ${overlap_seconds} s more`,
    });
    return readSecrets(tx, { endpoint, encryptionKey, now });
  });
}
