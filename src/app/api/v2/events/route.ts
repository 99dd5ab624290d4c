import { listEventTypeDtos } from "@/server/rest/event-types";
import { json } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

// GET /api/v2/events — every event type with its example payload and JSON Schema (seed 001 § 1)
export const GET = withApiKey(async () => json(listEventTypeDtos()), { scope: "read" });

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET"]);
