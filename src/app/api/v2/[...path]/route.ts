import { errorBody, errorJson } from "@/server/rest/errors";

// Any other /api/v2 path: the API's JSON 404 instead of the app's HTML page (not part of the OpenAPI document)
function noSuchRoute(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorJson(404, errorBody("NOT_FOUND", `No route ${request.method} ${pathname}; GET /api/v2/openapi.json lists the routes`));
}

export { noSuchRoute as GET, noSuchRoute as POST, noSuchRoute as PUT, noSuchRoute as PATCH, noSuchRoute as DELETE };
