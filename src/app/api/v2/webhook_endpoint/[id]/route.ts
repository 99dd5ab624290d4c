import { deleteEndpoint } from "@/server/endpoints/delete-endpoint";
import { getEndpoint } from "@/server/endpoints/get-endpoint";
import { updateEndpointInput } from "@/server/endpoints/schemas";
import { updateEndpoint } from "@/server/endpoints/update-endpoint";
import { json, requireId } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

type Params = { id: string };

// GET /api/v2/webhook_endpoint/{id} — one endpoint (secrets never included)
export const GET = withApiKey<Params>(
  async ({ db, tenantId, params }) => json(await getEndpoint({ db, tenantId, endpointId: requireId(params.id, "Endpoint") })),
  { scope: "read" },
);

// PUT /api/v2/webhook_endpoint/{id} — update an endpoint; fields left out keep their values (seed 001 § 5)
export const PUT = withApiKey<Params>(
  async ({ db, tenantId, caller, params, body }) => {
    const endpointId = requireId(params.id, "Endpoint");
    return json(await updateEndpoint({ db, tenantId, endpointId, actor: caller.actor, input: await body(updateEndpointInput) }));
  },
  { scope: "write" },
);

// DELETE /api/v2/webhook_endpoint/{id} — delete an endpoint; its unfinished deliveries are cancelled
export const DELETE = withApiKey<Params>(
  async ({ db, tenantId, caller, params }) => json(await deleteEndpoint({ db, tenantId, actor: caller.actor, endpointId: requireId(params.id, "Endpoint") })),
  { scope: "write" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PATCH, OPTIONS } = otherMethodsNotAllowed(["GET", "PUT", "DELETE"]);
