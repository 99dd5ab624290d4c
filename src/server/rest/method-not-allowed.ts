import { errorBody, errorJson } from "./errors";

const API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type ApiMethod = (typeof API_METHODS)[number];

/**
 * Handlers for the methods a route does not serve: 405 in the API's one error shape with an `Allow` header
 * (Next.js answers a method a route does not export with an empty 405). A route exports them by name:
 * `export const { POST, PUT, PATCH, DELETE } = otherMethodsNotAllowed(["GET"]);`
 */
export function otherMethodsNotAllowed<const Allowed extends readonly ApiMethod[]>(allowed: Allowed): Record<Exclude<ApiMethod, Allowed[number]>, (request: Request) => Response> {
  const allow = allowed.join(", ");
  const refuse = (request: Request) =>
    errorJson(405, errorBody("METHOD_NOT_ALLOWED", `${request.method} is not served here; this route accepts ${allow}`), { Allow: allow });
  return Object.fromEntries(API_METHODS.filter((method) => !allowed.includes(method)).map((method) => [method, refuse])) as Record<
    Exclude<ApiMethod, Allowed[number]>,
    (request: Request) => Response
  >;
}
