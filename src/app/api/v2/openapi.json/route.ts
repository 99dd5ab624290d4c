import { openApiDocument } from "@/server/rest/openapi";
import { withErrorMapping } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

// GET /api/v2/openapi.json — this API as an OpenAPI 3.1 document (public, no key)
export const GET = withErrorMapping(async () => Response.json(openApiDocument()));

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET"]);
