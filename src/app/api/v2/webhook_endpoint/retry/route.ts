import { retryEndpointTask } from "@/server/endpoints/retry-endpoint-task";
import { retryTaskInput } from "@/server/endpoints/schemas";
import { json } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

// POST /api/v2/webhook_endpoint/retry — send a finished task again with the same payload (seed 001 § 7)
export const POST = withApiKey(
  async ({ db, tenantId, body }) => json(await retryEndpointTask({ db, tenantId, input: await body(retryTaskInput) }), 202),
  { scope: "write" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethodsNotAllowed(["POST"]);
