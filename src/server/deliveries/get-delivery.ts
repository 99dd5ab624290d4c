import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import type { DeliveryDto } from "./schemas";
import { deliveryInclude, toDeliveryDto } from "./to-delivery-dto";

export async function getDelivery({ db, tenantId, deliveryId }: { db: Db; tenantId: string; deliveryId: string }): Promise<DeliveryDto> {
  const delivery = await db.delivery.findFirst({ where: { id: deliveryId, tenantId }, include: deliveryInclude });
  if (!delivery) throw notFound("Delivery");
  return toDeliveryDto(delivery);
}
