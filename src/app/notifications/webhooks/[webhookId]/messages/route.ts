import { json, requireId } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";
import { listSubscriptionMessages } from "@/server/subscriptions/list-subscription-messages";
import { listSubscriptionMessagesQuery } from "@/server/subscriptions/schemas";

type Params = { webhookId: string };

// GET /notifications/webhooks/{webhookId}/messages — the subscription's messages, newest first, filtered (seed 004)
export const GET = withApiKey<Params>(
  async ({ db, tenantId, params, query }) => {
    const webhookId = requireId(params.webhookId, "Webhook");
    return json(await listSubscriptionMessages({ db, tenantId, webhookId, query: query(listSubscriptionMessagesQuery) }));
  },
  { scope: "read" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET"]);
