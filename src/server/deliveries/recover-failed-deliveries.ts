import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { enqueueDeliveriesAfterCommit } from "./enqueue-deliveries";

/**
 * Svix's "recover": every delivery to the endpoint that failed since `since` and has not been retried yet
 * is sent again, as a new delivery linked to the failed one.
 */
export async function recoverFailedDeliveries({ db, tenantId, endpointId, since }: {
  db: Db; tenantId: string; endpointId: string; since: Date;
}): Promise<{ count: number }> {
  const endpoint = await db.endpoint.findFirst({ where: { id: endpointId, tenantId, deletedAt: null } });
  if (!endpoint) throw notFound("Endpoint");
  if (endpoint.disabledAt || !endpoint.isActive) {
    throw new AppError("CONFLICT", "The endpoint is disabled; enable it before recovering its deliveries");
  }
  const failed = await db.delivery.findMany({
    where: { tenantId, endpointId, status: "failed", createdAt: { gte: since }, retries: { none: {} } },
    select: { id: true, messageId: true, isTest: true },
    orderBy: { createdAt: "asc" },
  });
  const retries = failed.map((delivery) => ({
    id: randomUUID(),
    tenantId,
    endpointId,
    messageId: delivery.messageId,
    retryOfId: delivery.id,
    isTest: delivery.isTest,
  }));
  if (retries.length) {
    await db.delivery.createMany({ data: retries });
    await enqueueDeliveriesAfterCommit({ db, deliveries: retries });
  }
  return { count: retries.length };
}
