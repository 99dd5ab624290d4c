import { deleteEndpoint } from "@/server/endpoints/delete-endpoint";
import { json, requireId } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";
import { getSubscription } from "@/server/subscriptions/get-subscription";
import { updateSubscriptionInput } from "@/server/subscriptions/schemas";
import { updateSubscription } from "@/server/subscriptions/update-subscription";

type Params = { webhookId: string };

// GET /notifications/webhooks/{webhookId} — one subscription (its secret is not read here) (seed 004)
export const GET = withApiKey<Params>(
  async ({ db, tenantId, params }) => json(await getSubscription({ db, tenantId, webhookId: requireId(params.webhookId, "Webhook") })),
  { scope: "read" },
);

// POST /notifications/webhooks/{webhookId} — update a subscription; fields left out keep their values (seed 004)
export const POST = withApiKey<Params>(
  async ({ db, tenantId, caller, params, body }) => {
    const webhookId = requireId(params.webhookId, "Webhook");
    return json(await updateSubscription({ db, tenantId, webhookId, actor: caller.actor, input: await body(updateSubscriptionInput) }));
  },
  { scope: "write" },
);

// DELETE /notifications/webhooks/{webhookId} — delete a subscription; its unfinished messages are cancelled (seed 004)
export const DELETE = withApiKey<Params>(
  async ({ db, tenantId, caller, params }) => {
    await deleteEndpoint({ db, tenantId, actor: caller.actor, endpointId: requireId(params.webhookId, "Webhook") });
    return new Response(null, { status: 204 });
  },
  { scope: "write" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { PUT, PATCH, OPTIONS } = otherMethodsNotAllowed(["GET", "POST", "DELETE"]);
