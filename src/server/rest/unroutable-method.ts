import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";

/**
 * Carries a method Next.js cannot route (TRACE, …) to the route's OPTIONS handler, which answers 405 for it.
 * Set only by the hook below; a client's own copy is dropped.
 */
export const UNROUTABLE_METHOD_HEADER = "x-hookline-unroutable-method";

const ROUTABLE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);
const API_PATH = /^\/(?:api\/v2|api\/metrics|notifications|events)(?:[/?]|$)/;

/**
 * Next.js builds a fetch `Request` for every route handler and proxy call, and fetch refuses TRACE (and
 * CONNECT, TRACK), so such a request on an API route ends in Next's bare 500 before any code of ours runs.
 * Node publishes each request on `http.server.request.start` before the server sees it: there an API
 * request with such a method becomes an OPTIONS request marked with the original method, and the route's
 * OPTIONS handler (src/server/rest/method-not-allowed.ts) answers the API's JSON 405 with its `Allow`.
 */
export function answerUnroutableMethodsOnApiRoutes(): void {
  subscribe("http.server.request.start", (message) => {
    const request = (message as { request: IncomingMessage }).request;
    if (request.headers[UNROUTABLE_METHOD_HEADER] !== undefined) delete request.headers[UNROUTABLE_METHOD_HEADER];
    if (!request.method || ROUTABLE_METHODS.has(request.method) || !API_PATH.test(request.url ?? "")) return;
    request.headers[UNROUTABLE_METHOD_HEADER] = request.method;
    request.method = "OPTIONS";
  });
}
