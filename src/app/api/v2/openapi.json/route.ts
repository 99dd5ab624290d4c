import { openApiDocument } from "@/server/rest/openapi";
import { withErrorMapping } from "@/server/rest/with-api-key";

// GET /api/v2/openapi.json — this API as an OpenAPI 3.1 document (public, no key)
export const GET = withErrorMapping(async () => Response.json(openApiDocument()));
