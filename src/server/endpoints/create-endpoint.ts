import { randomUUID } from "node:crypto";
import { systemActor, type Actor } from "@/server/access/caller";
import { loggableUrl, recordActivity } from "@/server/activity/record-activity";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { assertRoomForOneMore } from "@/server/quotas/tenant-quotas";
import { issueSecret, type Tx } from "./endpoint-records";
import { storedPayloadFilter } from "./stored-payload-filter";
import { assertNoHeaderConflicts, sealAuthSettings } from "./receiver-auth-settings";
import { createEndpointInput, joinEndpointUrl, type CreateEndpointInput, type EndpointDto } from "./schemas";
import { toEndpointDto } from "./to-endpoint-dto";

/**
 * Writes a validated endpoint and its first signing secret, within the tenant's endpoint quota; shared with
 * the primary webhook and seed 004's subscriptions.
 */
export async function insertEndpoint(
  tx: Tx,
  { tenantId, input, isPrimary = false, encryptionKey }: { tenantId: string; input: CreateEndpointInput; isPrimary?: boolean; encryptionKey: Buffer },
) {
  const data = createEndpointInput.parse(input);
  const authSettings = (data.auth_settings ?? {}) as Record<string, unknown>;
  assertNoHeaderConflicts({ custom_headers: data.custom_headers, auth_type: data.auth_type, auth_settings: authSettings });
  // the id is chosen here: the sealed credentials are bound to it
  const id = randomUUID();
  const authSettingsSealed = sealAuthSettings(data.auth_type, authSettings, encryptionKey, { tenantId, endpointId: id });
  await assertRoomForOneMore(tx, tenantId, "endpoints");
  const endpoint = await tx.endpoint.create({
    data: {
      id,
      tenantId,
      url: data.url ?? joinEndpointUrl(data.base_url!, data.relative_path),
      baseUrl: data.base_url ?? null,
      relativePath: data.base_url ? (data.relative_path ?? null) : null,
      description: data.description,
      isActive: data.is_active,
      enabledEvents: data.enabled_events,
      customHeaders: data.custom_headers as Prisma.InputJsonObject,
      metadata: data.metadata as Prisma.InputJsonObject,
      authType: data.auth_type,
      authSettingsSealed,
      signatureScheme: data.signature_scheme,
      retryCount: data.retry_count,
      retryIntervalSeconds: data.retry_interval,
      backoff: data.backoff,
      timeoutMs: data.timeout_ms,
      rateLimitPerSecond: data.rate_limit_per_second ?? null,
      ...storedPayloadFilter(data.filter ?? null),
      isPrimary,
    },
  });
  await issueSecret(tx, { tenantId, endpointId: endpoint.id, scheme: endpoint.signatureScheme, encryptionKey });
  return endpoint;
}

/** Registers an endpoint (seed 001 `POST /api/v2/webhook_endpoint`); its signing secret is generated with it. */
export async function createEndpoint({
  db,
  tenantId,
  input,
  encryptionKey = env().encryptionKey,
  actor = systemActor,
}: {
  db: Db;
  tenantId: string;
  input: CreateEndpointInput;
  encryptionKey?: Buffer;
  actor?: Actor;
}): Promise<EndpointDto> {
  const endpoint = await db.$transaction(async (tx) => {
    const created = await insertEndpoint(tx, { tenantId, input, encryptionKey });
    await recordActivity({ db: tx, tenantId, actor, action: "endpoint.created", targetId: created.id, summary: `Created endpoint ${loggableUrl(created.url)}` });
    return created;
  });
  return toEndpointDto(endpoint, encryptionKey);
}
