import { listDeliveriesQuery } from "@/server/deliveries/schemas";
import { listEndpointLogs } from "@/server/endpoints/list-endpoint-logs";
import { json, requireId } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

type Params = { id: string };

// GET /api/v2/webhook_endpoint/{id}/logs — deliveries with attempts, newest first, filtered and paginated (seed 001 § 6)
export const GET = withApiKey<Params>(
  async ({ db, tenantId, params, query }) => {
    const endpointId = requireId(params.id, "Endpoint");
    return json(await listEndpointLogs({ db, tenantId, endpointId, filters: query(listDeliveriesQuery) }));
  },
  { scope: "read" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET"]);
