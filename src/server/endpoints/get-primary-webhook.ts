import type { Db } from "@/server/db/client";
import type { PrimaryWebhookDto } from "./primary-webhook-schemas";
import { findPrimaryWebhook, requirePrimaryWebhook, toPrimaryWebhookDto } from "./primary-webhook-records";

/** Seed 002 `GET /api/v2/webhook`; NOT_FOUND until the first `PUT`. */
export async function getPrimaryWebhook({ db, tenantId }: { db: Db; tenantId: string }): Promise<PrimaryWebhookDto> {
  return toPrimaryWebhookDto(await requirePrimaryWebhook(db, tenantId));
}

/** The same, or null before the first `PUT` (the portal shows an empty form). */
export async function findPrimaryWebhookDto({ db, tenantId }: { db: Db; tenantId: string }): Promise<PrimaryWebhookDto | null> {
  const endpoint = await findPrimaryWebhook(db, tenantId);
  return endpoint ? toPrimaryWebhookDto(endpoint) : null;
}
