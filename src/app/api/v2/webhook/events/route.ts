import { eventTypeNames } from "@/server/catalog";
import { json } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";

// GET /api/v2/webhook/events — the names of every event type, as an array (seed 002 § 1)
export const GET = withApiKey(async () => json(eventTypeNames), { scope: "read" });
