import { getMessage } from "@/server/messages/get-message";
import { json, requireId } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

type Params = { id: string };

// GET /api/v2/messages/{id}/payload — the entity an event is about (seed 004's `links.eventEntity`)
export const GET = withApiKey<Params>(
  async ({ db, tenantId, params }) =>
    json((await getMessage({ db, tenantId, messageId: requireId(params.id, "Message") })).payload),
  { scope: ["read", "publish"] },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET"]);
