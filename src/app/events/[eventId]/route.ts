import { json, requireId } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";
import { getEvent } from "@/server/subscriptions/get-event";

type Params = { eventId: string };

// GET /events/{eventId} — a published event: type, payload, created time (seed 004's `links.event`)
export const GET = withApiKey<Params>(
  async ({ db, tenantId, params }) => json(await getEvent({ db, tenantId, eventId: requireId(params.eventId, "Event") })),
  { scope: ["read", "publish"] },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET"]);
