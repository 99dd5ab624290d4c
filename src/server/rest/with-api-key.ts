import "server-only";
import type { z } from "zod";
import type { Actor, TenantCaller } from "@/server/access/caller";
import { clientAddress } from "@/lib/client-address";
import { authenticateApiKey, type AuthenticatedApiKey } from "@/server/api-keys/authenticate-api-key";
import { platformScopeFor, type ApiKeyScope, type PlatformApiKeyScope } from "@/server/api-keys/schemas";
import { getDb } from "@/server/db";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { resolveTenantReference } from "@/server/tenants/resolve-tenant-reference";
import { readJsonBody } from "./body";
import { errorBody, errorJson, errorResponse, noSuchRoute } from "./errors";
import { invalidApiKeyRetryAfter, recordInvalidApiKey } from "./invalid-api-key-limit";
import { consumeApiRateLimit } from "./rate-limit";

export type RouteParams = Record<string, string>;

/** The header a platform key names the tenant it acts for with (its id or external id). */
export const TENANT_HEADER = "Hookline-Tenant";

type RequestParts<Params extends RouteParams> = {
  request: Request;
  db: Db;
  params: Params;
  /** the JSON body parsed by `schema` (undefined body → the schema's defaults); ZodError → 422 */
  body<Schema extends z.ZodType>(schema: Schema): Promise<z.output<Schema>>;
  /** query parameters parsed by `schema`; a repeated parameter keeps its last value */
  query<Schema extends z.ZodType>(schema: Schema): z.output<Schema>;
};

/** A tenant route's context: whichever key called, the tenant it acts for. */
export type ApiContext<Params extends RouteParams> = RequestParts<Params> & {
  caller: TenantCaller;
  tenantId: string;
};

/** A platform route's context (the tenants API): an operator's key, acting for no tenant in particular. */
export type PlatformApiContext<Params extends RouteParams> = RequestParts<Params> & { actor: Actor };

type NextRouteContext<Params extends RouteParams> = { params: Promise<Params> };

function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

const wwwAuthenticate = { "WWW-Authenticate": 'Bearer realm="hookline"' };

function lacksScope(scopes: readonly string[]): Response {
  return errorJson(403, errorBody("FORBIDDEN", `This API key lacks the ${scopes.map((s) => `"${s}"`).join(" or ")} scope`));
}

function keyActor(apiKey: AuthenticatedApiKey): Actor {
  return { kind: apiKey.kind === "platform" ? "platform_key" : "tenant_key", id: apiKey.apiKeyId, label: apiKey.label };
}

/**
 * What every REST handler goes through once: API key authentication (`Authorization: Bearer`), the
 * per-key rate limit, then `authorize` (scopes, the tenant acted for), body and query parsing, and
 * mapping every error to one JSON shape.
 */
function withAuthenticatedKey<Params extends RouteParams, Context>(
  authorize: (apiKey: AuthenticatedApiKey, request: Request, db: Db) => Promise<Response | Context>,
  handler: (context: RequestParts<Params> & Context) => Promise<Response>,
) {
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
      const address = clientAddress(request.headers) ?? "unknown";
      const guessingFor = await invalidApiKeyRetryAfter(address);
      if (guessingFor !== undefined) {
        return errorJson(
          429,
          errorBody("RATE_LIMITED", `Too many invalid API keys from your address; retry in ${guessingFor} s`, { retry_after_seconds: guessingFor }),
          { "Retry-After": String(guessingFor) },
        );
      }
      const db = await getDb();
      let apiKey: AuthenticatedApiKey;
      try {
        apiKey = await authenticateApiKey({ db, key: token });
      } catch (error) {
        if (error instanceof AppError && error.code === "UNAUTHORIZED") {
          await recordInvalidApiKey(address);
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
      const authorized = await authorize(apiKey, request, db);
      if (authorized instanceof Response) return authorized;
      const url = new URL(request.url);
      const response = await handler({
        ...authorized,
        request,
        db,
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

/**
 * A tenant route. A tenant key acts for its own tenant; a platform key acts for the tenant named in
 * `Hookline-Tenant`, exactly as that tenant's key would, given the platform scope that matches (`read`,
 * `tenants:write` for write, `publish`). The header is never silently ignored.
 */
export function withApiKey<Params extends RouteParams = RouteParams>(
  handler: (context: ApiContext<Params>) => Promise<Response>,
  options: { scope: ApiKeyScope | readonly ApiKeyScope[] },
) {
  const scopes: readonly ApiKeyScope[] = typeof options.scope === "string" ? [options.scope] : options.scope;
  return withAuthenticatedKey<Params, { caller: TenantCaller; tenantId: string }>(async (apiKey, request, db) => {
    const named = request.headers.get(TENANT_HEADER);
    if (apiKey.kind === "tenant") {
      if (named !== null) {
        return errorJson(400, errorBody("BAD_REQUEST", `${TENANT_HEADER} is for platform keys; a tenant key acts only for its own tenant, so leave the header out`));
      }
      if (!scopes.some((scope) => apiKey.scopes.includes(scope))) return lacksScope(scopes);
      // a key's scopes decide what it may do; as a role it stands where a developer does (no members, no keys)
      return { tenantId: apiKey.tenantId, caller: { tenantId: apiKey.tenantId, actor: keyActor(apiKey), role: "developer" } };
    }
    const platformScopes = scopes.map((scope) => platformScopeFor[scope]);
    if (!platformScopes.some((scope) => apiKey.scopes.includes(scope))) return lacksScope(platformScopes);
    if (!named?.trim()) {
      return errorJson(400, errorBody("BAD_REQUEST", `A platform key acts for one tenant on this route: name it in the ${TENANT_HEADER} header (its id or external id)`));
    }
    const tenant = await resolveTenantReference({ db, reference: named.trim() });
    return { tenantId: tenant.id, caller: { tenantId: tenant.id, actor: keyActor(apiKey), role: "developer" } };
  }, handler);
}

/** A platform route (the tenants API): platform keys only. To a tenant key the route does not exist. */
export function withPlatformKey<Params extends RouteParams = RouteParams>(
  handler: (context: PlatformApiContext<Params>) => Promise<Response>,
  options: { scope: PlatformApiKeyScope },
) {
  return withAuthenticatedKey<Params, { actor: Actor }>(async (apiKey, request) => {
    if (apiKey.kind !== "platform") return noSuchRoute(request);
    if (!apiKey.scopes.includes(options.scope)) return lacksScope([options.scope]);
    return { actor: keyActor(apiKey) };
  }, handler);
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
