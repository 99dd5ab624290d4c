import { publishMessagesRoute } from "@/server/rest/publish-routes";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

// POST /api/v2/messages/batch — publish up to 1,000 events at once, all or none; each idempotency key is honoured on its own
export const POST = publishMessagesRoute;

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethodsNotAllowed(["POST"]);
