import { json, requireId } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";
import { getSubscriptionMessage } from "@/server/subscriptions/get-subscription-message";

type Params = { webhookId: string; messageId: string };

// GET /notifications/webhooks/{webhookId}/messages/{messageId} — one message: the body sent and every attempt (seed 004)
export const GET = withApiKey<Params>(
  async ({ db, tenantId, params }) => {
    const webhookId = requireId(params.webhookId, "Webhook");
    const messageId = requireId(params.messageId, "Message");
    return json(await getSubscriptionMessage({ db, tenantId, webhookId, messageId }));
  },
  { scope: "read" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET"]);
