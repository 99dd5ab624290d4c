import { systemActor, type Actor } from "@/server/access/caller";
import { loggableUrl, recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { cancelPendingDeliveries } from "./cancel-pending-deliveries";
import { lockEndpoint } from "./endpoint-records";
import { deletedEndpointDto, type DeletedEndpointDto } from "./schemas";

/**
 * Seed 001 `DELETE /api/v2/webhook_endpoint/{id}`. The row stays, disabled and stripped of its secrets and
 * credentials, so the deliveries it received remain in the message log; unfinished ones are cancelled.
 */
export async function deleteEndpoint({ db, tenantId, endpointId, actor = systemActor }: {
  db: Db;
  tenantId: string;
  endpointId: string;
  actor?: Actor;
}): Promise<DeletedEndpointDto> {
  return db.$transaction(async (tx) => {
    const endpoint = await lockEndpoint(tx, { tenantId, endpointId });
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
    await recordActivity({ db: tx, tenantId, actor, action: "endpoint.deleted", targetId: endpointId, summary: `Deleted endpoint ${loggableUrl(endpoint.url)} (${cancelled} unfinished deliveries cancelled)` });
    return deletedEndpointDto.parse({ id: endpointId, deleted: true, cancelled_deliveries: cancelled });
  });
}
