import { metrics } from "./registry";

/** A path whose dynamic segments could not all be told apart from its static ones. */
const UNRESOLVED_ROUTE = "unresolved";

/**
 * The route a request matched, as its file names it (`/api/v2/webhook_endpoint/[id]/secret`), from the path
 * and the params Next.js matched: each segment that is a param's value becomes `[name]`. A label never carries
 * an id, so when a param's value is found in no segment the route is `unresolved` rather than the raw path.
 */
export function routeTemplate(pathname: string, params: Record<string, string | string[]>): string {
  const segments = pathname.split("/").filter(Boolean);
  const decoded = segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  // params come in path order: matched from the end, each to the left of the one after it, so a value that
  // also spells a static segment before it (a tenant named "tenants") takes its own place
  let before = segments.length;
  for (const [name, value] of Object.entries(params).reverse()) {
    if (typeof value !== "string") return UNRESOLVED_ROUTE;
    const at = before > 0 ? decoded.lastIndexOf(value, before - 1) : -1;
    if (at === -1) return UNRESOLVED_ROUTE;
    segments[at] = `[${name}]`;
    before = at;
  }
  return `/${segments.join("/")}`;
}

type RouteContext = { params?: Promise<Record<string, string | string[]>> };

/** A route handler that counts each request it answers, by method, route template and status. */
export function countedRoute<Context extends RouteContext | undefined>(handler: (request: Request, context: Context) => Promise<Response>) {
  return async (request: Request, context: Context): Promise<Response> => {
    const response = await handler(request, context);
    const params = (await context?.params) ?? {};
    metrics().apiRequests.inc({ method: request.method, route: routeTemplate(new URL(request.url).pathname, params), status: String(response.status) });
    return response;
  };
}

/** A request refused by a rate limit: `api_key` (the key's budget) or `invalid_api_key` (its address guessed keys). */
export function countRateLimited(limit: "api_key" | "invalid_api_key"): void {
  metrics().rateLimited.inc({ limit });
}
