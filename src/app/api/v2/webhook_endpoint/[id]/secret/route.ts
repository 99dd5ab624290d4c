import { getEndpointSecret } from "@/server/endpoints/get-endpoint-secret";
import { rotateEndpointSecret } from "@/server/endpoints/rotate-endpoint-secret";
import { rotateSecretInput } from "@/server/endpoints/schemas";
import { json, requireId } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

type Params = { id: string };

// GET /api/v2/webhook_endpoint/{id}/secret — the endpoint's signing secret (seed 001 § 3)
export const GET = withApiKey<Params>(
  async ({ db, tenantId, params }) => json(await getEndpointSecret({ db, tenantId, endpointId: requireId(params.id, "Endpoint") })),
  { scope: "write" },
);

// PATCH /api/v2/webhook_endpoint/{id}/secret — rotate the secret; the old one signs beside it for the overlap (seed 001 § 4)
export const PATCH = withApiKey<Params>(
  async ({ db, tenantId, caller, params, body }) => {
    const endpointId = requireId(params.id, "Endpoint");
    return json(await rotateEndpointSecret({ db, tenantId, endpointId, actor: caller.actor, input: await body(rotateSecretInput.optional()) }));
  },
  { scope: "write" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PUT, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET", "PATCH"]);
