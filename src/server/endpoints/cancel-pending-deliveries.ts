import type { Tx } from "./endpoint-records";

/** Deliveries not yet finished stop for good; the deliver function checks the status before each attempt. */
export async function cancelPendingDeliveries(tx: Tx, { tenantId, endpointId, reason }: { tenantId: string; endpointId: string; reason: string }) {
  const { count } = await tx.delivery.updateMany({
    where: { tenantId, endpointId, status: { in: ["pending", "delivering"] } },
    data: { status: "cancelled", completedAt: new Date(), nextAttemptAt: null, lastError: reason },
  });
  return count;
}
