import { listEndpointsQuery } from "@/server/endpoints/schemas";
import { json } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";
import { createSubscription } from "@/server/subscriptions/create-subscription";
import { listSubscriptions } from "@/server/subscriptions/list-subscriptions";
import { createSubscriptionInput } from "@/server/subscriptions/schemas";

// GET /notifications/webhooks — list the tenant's subscriptions, newest first (seed 004)
export const GET = withApiKey(
  async ({ db, tenantId, query }) => json(await listSubscriptions({ db, tenantId, query: query(listEndpointsQuery) })),
  { scope: "read" },
);

// POST /notifications/webhooks — subscribe a URL to event types; answers with the signing secret (seed 004)
export const POST = withApiKey(
  async ({ db, tenantId, caller, body }) => json(await createSubscription({ db, tenantId, actor: caller.actor, input: await body(createSubscriptionInput) }), 201),
  { scope: "write" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET", "POST"]);
