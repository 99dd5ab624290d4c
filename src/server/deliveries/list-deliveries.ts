import type { Db } from "@/server/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";
import { deliveryFilters, type DeliveryDto, type DeliveryFilters } from "./schemas";
import { deliveryInclude, toDeliveryDto } from "./to-delivery-dto";

// Keyset pagination on (created_at, id): stable while new deliveries keep arriving, unlike offsets.
function encodeCursor(row: { createdAt: Date; id: string }) {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(createdAt ?? "");
  if (!id || Number.isNaN(date.getTime())) throw new AppError("BAD_REQUEST", "The cursor is not valid; use next_cursor from a previous page");
  return { createdAt: date, id };
}

/** Deliveries with their attempts, newest first, for one tenant; every filter optional. */
export async function listDeliveries({ db, tenantId, ...filters }: { db: Db; tenantId: string } & DeliveryFilters): Promise<{
  data: DeliveryDto[];
  next_cursor: string | null;
}> {
  const q = deliveryFilters.parse(filters);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const where: Prisma.DeliveryWhereInput = {
    tenantId,
    endpointId: q.endpointId,
    messageId: q.messageId,
    status: q.status,
    message: q.eventType ? { eventType: q.eventType } : undefined,
    createdAt: q.since || q.until ? { gte: q.since, lte: q.until } : undefined,
    ...(after && {
      OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
    }),
  };
  const rows = await db.delivery.findMany({
    where,
    include: deliveryInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    data: page.map(toDeliveryDto),
    next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}
