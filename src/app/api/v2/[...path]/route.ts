import { noSuchRoute } from "@/server/rest/errors";

// Any other /api/v2 path: the API's JSON 404 instead of the app's HTML page (not part of the OpenAPI document)
export { noSuchRoute as GET, noSuchRoute as POST, noSuchRoute as PUT, noSuchRoute as PATCH, noSuchRoute as DELETE, noSuchRoute as OPTIONS };
