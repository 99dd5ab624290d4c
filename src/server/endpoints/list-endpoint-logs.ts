import type { Db } from "@/server/db/client";
import { listDeliveries } from "@/server/deliveries/list-deliveries";
import type { DeliveryFilters } from "@/server/deliveries/schemas";
import { findLiveEndpoint } from "./endpoint-records";

/**
 * Seed 001 `GET /api/v2/webhook_endpoint/{id}/logs`: the endpoint's deliveries with their attempts, newest
 * first. The endpoint is looked up first so another tenant's id is NOT_FOUND rather than an empty page.
 */
export async function listEndpointLogs({
  db,
  tenantId,
  endpointId,
  filters = {},
}: {
  db: Db;
  tenantId: string;
  endpointId: string;
  filters?: Omit<DeliveryFilters, "endpointId">;
}) {
  await findLiveEndpoint(db, { tenantId, endpointId });
  return listDeliveries({ db, tenantId, ...filters, endpointId });
}
