import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { listEndpoints } from "@/server/endpoints/list-endpoints";
import { createEndpointInput, listEndpointsQuery } from "@/server/endpoints/schemas";
import { json } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

// GET /api/v2/webhook_endpoint — list the tenant's endpoints, newest first, with delivery stats
export const GET = withApiKey(
  async ({ db, tenantId, query }) => json(await listEndpoints({ db, tenantId, query: query(listEndpointsQuery) })),
  { scope: "read" },
);

// POST /api/v2/webhook_endpoint — create an endpoint; its signing secret is generated with it (seed 001 § 2)
export const POST = withApiKey(
  async ({ db, tenantId, caller, body }) => json(await createEndpoint({ db, tenantId, actor: caller.actor, input: await body(createEndpointInput) }), 201),
  { scope: "write" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET", "POST"]);
