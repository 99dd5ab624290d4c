import "server-only";
import type { z } from "zod";
import { authenticateApiKey, type AuthenticatedApiKey } from "@/server/api-keys/authenticate-api-key";
import type { ApiKeyScope } from "@/server/api-keys/schemas";
import { getDb } from "@/server/db";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { readJsonBody } from "./body";
import { errorBody, errorJson, errorResponse } from "./errors";
import { consumeApiRateLimit } from "./rate-limit";

export type RouteParams = Record<string, string>;

export type ApiContext<Params extends RouteParams> = {
  request: Request;
  db: Db;
  tenantId: string;
  apiKey: AuthenticatedApiKey;
  params: Params;
  /** the JSON body parsed by `schema` (undefined body → the schema's defaults); ZodError → 422 */
  body<Schema extends z.ZodType>(schema: Schema): Promise<z.output<Schema>>;
  /** query parameters parsed by `schema`; a repeated parameter keeps its last value */
  query<Schema extends z.ZodType>(schema: Schema): z.output<Schema>;
};

export type ApiOptions = {
  /** the key needs one of these scopes */
  scope: ApiKeyScope | readonly ApiKeyScope[];
};

type NextRouteContext<Params extends RouteParams> = { params: Promise<Params> };

function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

const wwwAuthenticate = { "WWW-Authenticate": 'Bearer realm="hookline"' };

/**
 * Every REST handler goes through here once: API key authentication (`Authorization: Bearer`), the
 * per-key rate limit, the scope check, body and query parsing, and mapping every error to one JSON shape.
 */
export function withApiKey<Params extends RouteParams = RouteParams>(
  handler: (context: ApiContext<Params>) => Promise<Response>,
  options: ApiOptions,
) {
  const scopes: readonly ApiKeyScope[] = typeof options.scope === "string" ? [options.scope] : options.scope;
  return async (request: Request, routeContext: NextRouteContext<Params>): Promise<Response> => {
    try {
      const token = bearerToken(request);
      if (!token) {
        return errorJson(
          401,
          errorBody("UNAUTHORIZED", "Missing API key: send it as Authorization: Bearer <key>"),
          wwwAuthenticate,
        );
      }
      const db = await getDb();
      let apiKey: AuthenticatedApiKey;
      try {
        apiKey = await authenticateApiKey({ db, key: token });
      } catch (error) {
        if (error instanceof AppError && error.code === "UNAUTHORIZED") {
          return errorJson(401, errorBody("UNAUTHORIZED", error.message), wwwAuthenticate);
        }
        throw error;
      }
      const limit = await consumeApiRateLimit(db, apiKey.apiKeyId);
      if (!limit.allowed) {
        return errorJson(
          429,
          errorBody("RATE_LIMITED", `Too many requests for this API key; retry in ${limit.retryAfterSeconds} s`, {
            retry_after_seconds: limit.retryAfterSeconds,
          }),
          { ...limit.headers, "Retry-After": String(limit.retryAfterSeconds) },
        );
      }
      if (!scopes.some((scope) => apiKey.scopes.includes(scope))) {
        return errorJson(403, errorBody("FORBIDDEN", `This API key lacks the ${scopes.map((s) => `"${s}"`).join(" or ")} scope`));
      }
      const url = new URL(request.url);
      const response = await handler({
        request,
        db,
        tenantId: apiKey.tenantId,
        apiKey,
        params: await routeContext.params,
        body: async (schema) => schema.parse(await readJsonBody(request)),
        query: (schema) => schema.parse(Object.fromEntries(url.searchParams)),
      });
      for (const [name, value] of Object.entries(limit.headers)) response.headers.set(name, value);
      return response;
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

/** A public route (the OpenAPI document): no key, same error mapping. */
export function withErrorMapping(handler: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      return await handler(request);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}
