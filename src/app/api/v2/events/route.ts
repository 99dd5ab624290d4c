import { listEventTypeDtos } from "@/server/rest/event-types";
import { json } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";

// GET /api/v2/events — every event type with its example payload and JSON Schema (seed 001 § 1)
export const GET = withApiKey(async () => json(listEventTypeDtos()), { scope: "read" });
