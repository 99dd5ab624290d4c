import type { Db } from "@/server/db/client";
import { cancelPendingDeliveries } from "./cancel-pending-deliveries";
import { lockEndpoint } from "./endpoint-records";
import { deletedEndpointDto, type DeletedEndpointDto } from "./schemas";

/**
 * Seed 001 `DELETE /api/v2/webhook_endpoint/{id}`. The row stays, disabled and stripped of its secrets and
 * credentials, so the deliveries it received remain in the message log; unfinished ones are cancelled.
 */
export async function deleteEndpoint({ db, tenantId, endpointId }: { db: Db; tenantId: string; endpointId: string }): Promise<DeletedEndpointDto> {
  return db.$transaction(async (tx) => {
    await lockEndpoint(tx, { tenantId, endpointId });
    const now = new Date();
    await tx.endpoint.update({
      where: { id: endpointId },
      data: {
        deletedAt: now,
        isActive: false,
        isPrimary: false,
        disabledAt: now,
        disabledReason: "deleted",
        authType: "None",
        authSettingsSealed: null,
      },
    });
    await tx.endpointSecret.deleteMany({ where: { endpointId } });
    const cancelled = await cancelPendingDeliveries(tx, { tenantId, endpointId, reason: "endpoint deleted" });
    return deletedEndpointDto.parse({ id: endpointId, deleted: true, cancelled_deliveries: cancelled });
  });
}
