import { errorBody, errorJson } from "./errors";
import { UNROUTABLE_METHOD_HEADER } from "./unroutable-method";

/** The methods a route handler can serve in Next.js; any other (TRACE, …) reaches OPTIONS, see unroutable-method.ts. */
const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type RouteMethod = (typeof ROUTE_METHODS)[number];
type Handler = (request: Request) => Response;

/** What a route with these methods answers to: `HEAD` wherever `GET` is, and `OPTIONS` everywhere. */
function allowHeader(allowed: readonly RouteMethod[]): string {
  return [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
}

/** 405 in the API's one error shape, with the `Allow` header the route's methods make. */
function methodNotAllowed(method: string, allow: string): Response {
  return errorJson(405, errorBody("METHOD_NOT_ALLOWED", `${method} is not served here; this route accepts ${allow}`), { Allow: allow });
}

type OtherMethods<Allowed extends RouteMethod> = Record<Exclude<RouteMethod, Allowed> | "OPTIONS" | ("GET" extends Allowed ? never : "HEAD"), Handler>;

/**
 * Handlers for everything a route does not serve, exported beside the ones it does:
 * `export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET"]);`
 * Without them Next.js answers an unexported method with an empty 405, `HEAD` on a route without `GET` the
 * same, and `OPTIONS` with an `Allow` that lists the refusing exports too. `HEAD` of a `GET` route is left to
 * Next.js, which serves it with the `GET` handler and no body.
 */
export function otherMethodsNotAllowed<const Allowed extends RouteMethod>(allowed: readonly Allowed[]): OtherMethods<Allowed> {
  const served: readonly RouteMethod[] = allowed;
  const allow = allowHeader(served);
  const refuse: Handler = (request) => methodNotAllowed(request.method, allow);
  const handlers: Record<string, Handler> = {
    OPTIONS: (request) => {
      const unroutable = request.headers.get(UNROUTABLE_METHOD_HEADER);
      return unroutable ? methodNotAllowed(unroutable, allow) : new Response(null, { status: 204, headers: { Allow: allow } });
    },
  };
  for (const method of ROUTE_METHODS) if (!served.includes(method)) handlers[method] = refuse;
  if (!served.includes("GET")) handlers.HEAD = refuse;
  return handlers as OtherMethods<Allowed>;
}
