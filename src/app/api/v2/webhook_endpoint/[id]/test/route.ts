import { sendEndpointTestEvent } from "@/server/endpoints/send-endpoint-test-event";
import { testEventBody, testEventQuery } from "@/server/rest/rest-schemas";
import { json, requireId } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

type Params = { id: string };

// POST /api/v2/webhook_endpoint/{id}/test?event=… — deliver the event's example payload to this endpoint (seed 001 § 8)
export const POST = withApiKey<Params>(
  async ({ db, tenantId, params, query, body }) => {
    const endpointId = requireId(params.id, "Endpoint");
    const { event } = query(testEventQuery);
    const { payload } = await body(testEventBody);
    return json(await sendEndpointTestEvent({ db, tenantId, endpointId, eventType: event, payload }), 202);
  },
  { scope: "write" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethodsNotAllowed(["POST"]);
