import { eventTypeNames } from "@/server/catalog";
import { json } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

// GET /api/v2/webhook/events — the names of every event type, as an array (seed 002 § 1)
export const GET = withApiKey(async () => json(eventTypeNames), { scope: "read" });

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET"]);
