import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { readSecrets } from "./get-endpoint-secret";
import { primaryWebhookTokenDto, type PrimaryWebhookTokenDto } from "./primary-webhook-schemas";
import { requirePrimaryWebhook } from "./primary-webhook-records";

/** Seed 002 `GET /api/v2/webhook/token`: `{token}`, the primary webhook's current secret. */
export async function getPrimaryWebhookToken({
  db,
  tenantId,
  encryptionKey = env().encryptionKey,
}: {
  db: Db;
  tenantId: string;
  encryptionKey?: Buffer;
}): Promise<PrimaryWebhookTokenDto> {
  const endpoint = await requirePrimaryWebhook(db, tenantId);
  const { secret } = await readSecrets(db, { endpoint, encryptionKey });
  return primaryWebhookTokenDto.parse({ token: secret });
}
