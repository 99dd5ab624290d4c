import type { Db } from "@/server/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { afterCursor, encodeCursor, newestFirst } from "@/server/pagination/keyset-cursor";
import { deliveryFilters, type DeliveryDto, type DeliveryFilters } from "./schemas";
import { deliveryInclude, toDeliveryDto } from "./to-delivery-dto";

/** Deliveries with their attempts, newest first, for one tenant; every filter optional. */
export async function listDeliveries({ db, tenantId, ...filters }: { db: Db; tenantId: string } & DeliveryFilters): Promise<{
  data: DeliveryDto[];
  next_cursor: string | null;
}> {
  const q = deliveryFilters.parse(filters);
  const where: Prisma.DeliveryWhereInput = {
    tenantId,
    endpointId: q.endpointId,
    messageId: q.messageId,
    status: q.status,
    message: q.eventType ? { eventType: q.eventType } : undefined,
    createdAt: q.since || q.until ? { gte: q.since, lte: q.until } : undefined,
    ...afterCursor(q.cursor),
  };
  const rows = await db.delivery.findMany({
    where,
    include: deliveryInclude,
    orderBy: [...newestFirst],
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    data: page.map(toDeliveryDto),
    next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}
