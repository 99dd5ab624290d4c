import { publishMessageRoute } from "@/server/rest/publish-routes";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

// POST /api/v2/messages — publish an event to every subscribed endpoint; a repeated idempotency key returns the first result
export const POST = publishMessageRoute;

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethodsNotAllowed(["POST"]);
