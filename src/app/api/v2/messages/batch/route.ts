import { publishMessages } from "@/server/messages/publish-messages";
import { publishMessagesInput } from "@/server/messages/schemas";
import { MAX_BATCH_BODY_BYTES } from "@/server/rest/body";
import { refuseIdempotencyKeyHeader } from "@/server/rest/rest-schemas";
import { json } from "@/server/rest/respond";
import { withApiKeyForItemTenants } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

// POST /api/v2/messages/batch — publish up to 1,000 events at once, all or none; each idempotency key is honoured on its own
export const POST = withApiKeyForItemTenants(
  async ({ db, request, body, ...publisher }) => {
    refuseIdempotencyKeyHeader(request.headers);
    const input = await body(publishMessagesInput, { maxBytes: MAX_BATCH_BODY_BYTES });
    return json(await publishMessages({ db, publisher, input }), 202);
  },
  { scope: "publish" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethodsNotAllowed(["POST"]);
