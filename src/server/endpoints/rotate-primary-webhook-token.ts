import { systemActor, type Actor } from "@/server/access/caller";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { primaryWebhookTokenDto, type PrimaryWebhookTokenDto } from "./primary-webhook-schemas";
import { requirePrimaryWebhook } from "./primary-webhook-records";
import { rotateEndpointSecret } from "./rotate-endpoint-secret";

/** Seed 002 `PATCH /api/v2/webhook/token`: a new `{token}`; the old one still verifies for the overlap window. */
export async function rotatePrimaryWebhookToken({
  db,
  tenantId,
  encryptionKey = env().encryptionKey,
  actor = systemActor,
}: {
  db: Db;
  tenantId: string;
  encryptionKey?: Buffer;
  actor?: Actor;
}): Promise<PrimaryWebhookTokenDto> {
  const endpoint = await requirePrimaryWebhook(db, tenantId);
  const { secret } = await rotateEndpointSecret({ db, tenantId, endpointId: endpoint.id, encryptionKey, actor });
  return primaryWebhookTokenDto.parse({ token: secret });
}
