import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { enqueueDeliveriesAfterCommit } from "./enqueue-deliveries";
import type { DeliveryDto } from "./schemas";
import { deliveryInclude, toDeliveryDto } from "./to-delivery-dto";

/**
 * Sends a finished delivery's message again to the same endpoint, as a new delivery linked to the old one
 * (the old record and its attempts stay as they were). Same payload, same message id header.
 */
export async function retryDelivery({ db, tenantId, deliveryId }: { db: Db; tenantId: string; deliveryId: string }): Promise<DeliveryDto> {
  const original = await db.delivery.findFirst({ where: { id: deliveryId, tenantId }, include: { endpoint: true } });
  if (!original) throw notFound("Delivery");
  if (original.endpoint.deletedAt) throw notFound("Endpoint");
  if (original.status === "pending" || original.status === "delivering") {
    throw new AppError("CONFLICT", "This delivery is still in progress; retry it once it has failed");
  }
  if (original.endpoint.disabledAt || !original.endpoint.isActive) {
    throw new AppError("CONFLICT", "The endpoint is disabled; enable it before retrying its deliveries");
  }
  const retry = await db.delivery.create({
    data: {
      id: randomUUID(),
      tenantId,
      messageId: original.messageId,
      endpointId: original.endpointId,
      retryOfId: original.id,
      isTest: original.isTest,
    },
    include: deliveryInclude,
  });
  await enqueueDeliveriesAfterCommit({ db, deliveries: [retry] });
  return toDeliveryDto(retry);
}
