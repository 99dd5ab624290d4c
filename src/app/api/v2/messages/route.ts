import { publishMessage } from "@/server/messages/publish-message";
import { publishMessageInput } from "@/server/messages/schemas";
import { idempotencyKeyFrom } from "@/server/rest/rest-schemas";
import { json } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

// POST /api/v2/messages — publish an event to every subscribed endpoint; a repeated idempotency key returns the first result
export const POST = withApiKey(
  async ({ db, tenantId, request, body }) => {
    const input = await body(publishMessageInput);
    const idempotency_key = idempotencyKeyFrom(request.headers, input.idempotency_key);
    const { message, replayed } = await publishMessage({ db, tenantId, input: { ...input, idempotency_key } });
    return json(message, 202, replayed ? { "Idempotent-Replayed": "true" } : undefined);
  },
  { scope: "publish" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethodsNotAllowed(["POST"]);
