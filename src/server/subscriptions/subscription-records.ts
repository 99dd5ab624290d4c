import type { Endpoint } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import type { Tx } from "@/server/endpoints/endpoint-records";
import { AppError } from "@/server/errors";

/**
 * The tenant's live endpoint at exactly this URL, the newest if seed 001 registered it more than once (only
 * subscriptions refuse a second one).
 */
export async function findEndpointByUrl(db: Db | Tx, { tenantId, url }: { tenantId: string; url: string }): Promise<Endpoint | null> {
  return db.endpoint.findFirst({ where: { tenantId, url, deletedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

/** One subscription per URL: a second would deliver every message twice to the same receiver. */
export async function assertUrlNotSubscribed(tx: Tx, { tenantId, url }: { tenantId: string; url: string }): Promise<void> {
  const existing = await findEndpointByUrl(tx, { tenantId, url });
  if (existing) {
    throw new AppError("CONFLICT", `You already have a subscription for ${url} (webhook ${existing.id}); update it with POST /notifications/webhooks/${existing.id}`, {
      webhookId: existing.id,
    });
  }
}
