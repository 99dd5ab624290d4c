import { json } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";
import { listSubscriptionEventTypes } from "@/server/subscriptions/list-subscription-event-types";

// GET /events/types — the event types a subscription can name, with description and sample (seed 004)
export const GET = withApiKey(async () => json(listSubscriptionEventTypes()), { scope: "read" });

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET"]);
