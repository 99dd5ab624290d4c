// Calls the real route handlers with real Request objects, routed by the same paths Next uses, so REST
// tests exercise exactly what the app serves (wrapper, parsing, domain, database) without a server.
import * as events from "@/app/api/v2/events/route";
import * as messages from "@/app/api/v2/messages/route";
import * as messagesBatch from "@/app/api/v2/messages/batch/route";
import * as message from "@/app/api/v2/messages/[id]/route";
import * as messagePayload from "@/app/api/v2/messages/[id]/payload/route";
import * as openapi from "@/app/api/v2/openapi.json/route";
import * as primaryWebhook from "@/app/api/v2/webhook/route";
import * as primaryWebhookEvents from "@/app/api/v2/webhook/events/route";
import * as primaryWebhookToken from "@/app/api/v2/webhook/token/route";
import * as endpoints from "@/app/api/v2/webhook_endpoint/route";
import * as endpoint from "@/app/api/v2/webhook_endpoint/[id]/route";
import * as endpointLogs from "@/app/api/v2/webhook_endpoint/[id]/logs/route";
import * as endpointSecret from "@/app/api/v2/webhook_endpoint/[id]/secret/route";
import * as endpointTest from "@/app/api/v2/webhook_endpoint/[id]/test/route";
import * as retry from "@/app/api/v2/webhook_endpoint/retry/route";
import * as fallback from "@/app/api/v2/[...path]/route";
import * as tenants from "@/app/api/v2/tenants/route";
import * as tenant from "@/app/api/v2/tenants/[tenant]/route";
import * as portalLinks from "@/app/api/v2/tenants/[tenant]/portal-links/route";
import * as subscriptions from "@/app/notifications/webhooks/route";
import * as subscription from "@/app/notifications/webhooks/[webhookId]/route";
import * as subscriptionMessages from "@/app/notifications/webhooks/[webhookId]/messages/route";
import * as subscriptionMessage from "@/app/notifications/webhooks/[webhookId]/messages/[messageId]/route";
import * as testMessages from "@/app/notifications/messages/test/route";
import * as eventTypes from "@/app/events/types/route";
import * as event from "@/app/events/[eventId]/route";
import type { Db } from "@/server/db/client";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createPlatformApiKey } from "@/server/api-keys/create-platform-api-key";
import type { ApiKeyScope, PlatformApiKeyScope } from "@/server/api-keys/schemas";
import { systemActor } from "@/server/access/caller";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own params; the router supplies them
type Handler = (request: Request, context: { params: Promise<any> }) => Response | Promise<Response>;
type RouteModule = Partial<Record<"GET" | "HEAD" | "OPTIONS" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;

// most specific first, as Next matches static segments before dynamic ones
export const routes: [pattern: string, module: RouteModule][] = [
  ["/api/v2/events", events],
  ["/api/v2/webhook_endpoint", endpoints],
  ["/api/v2/webhook_endpoint/retry", retry],
  ["/api/v2/webhook_endpoint/[id]", endpoint],
  ["/api/v2/webhook_endpoint/[id]/secret", endpointSecret],
  ["/api/v2/webhook_endpoint/[id]/logs", endpointLogs],
  ["/api/v2/webhook_endpoint/[id]/test", endpointTest],
  ["/api/v2/webhook/events", primaryWebhookEvents],
  ["/api/v2/webhook/token", primaryWebhookToken],
  ["/api/v2/webhook", primaryWebhook],
  ["/api/v2/messages", messages],
  ["/api/v2/messages/batch", messagesBatch],
  ["/api/v2/messages/[id]", message],
  ["/api/v2/messages/[id]/payload", messagePayload],
  ["/api/v2/openapi.json", openapi as RouteModule],
  ["/api/v2/tenants", tenants],
  ["/api/v2/tenants/[tenant]", tenant],
  ["/api/v2/tenants/[tenant]/portal-links", portalLinks],
  ["/notifications/webhooks", subscriptions],
  ["/notifications/webhooks/[webhookId]", subscription],
  ["/notifications/webhooks/[webhookId]/messages", subscriptionMessages],
  ["/notifications/webhooks/[webhookId]/messages/[messageId]", subscriptionMessage],
  ["/notifications/messages/test", testMessages],
  ["/events/types", eventTypes],
  ["/events/[eventId]", event],
];

function match(pathname: string): { module: RouteModule; params: Record<string, string> } {
  const segments = pathname.split("/").filter(Boolean);
  for (const [pattern, module] of routes) {
    const parts = pattern.split("/").filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = parts.every((part, i) => {
      const dynamic = part.match(/^\[(\w+)\]$/);
      if (dynamic) params[dynamic[1]!] = decodeURIComponent(segments[i]!);
      return dynamic !== null || part === segments[i];
    });
    if (matches) return { module, params };
  }
  return { module: fallback as RouteModule, params: { path: segments.slice(2).join("/") } };
}

export type ApiResponse = { status: number; headers: Headers; body: unknown; text: string };

export type ApiCall = {
  key?: string;
  /** serialised as JSON unless a string, which is sent as is */
  body?: unknown;
  headers?: Record<string, string>;
};

export const TEST_ORIGIN = "http://hookline.test";

/** `await api("PUT /api/v2/webhook", { key, body })`; a method the route does not export is a 405, as in Next. */
export async function api(target: string, { key, body, headers = {} }: ApiCall = {}): Promise<ApiResponse> {
  const [method, path] = target.split(" ") as [keyof RouteModule, string];
  const url = new URL(path, TEST_ORIGIN);
  const { module, params } = match(url.pathname);
  const handler = module[method];
  if (!handler) return { status: 405, headers: new Headers(), body: undefined, text: "" };
  const request = new Request(url, {
    method,
    headers: {
      ...(key !== undefined && { authorization: `Bearer ${key}` }),
      ...(body !== undefined && { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export async function apiKeyFor(db: Db, tenantId: string, scopes?: ApiKeyScope[]): Promise<string> {
  return (await createApiKey({ db, tenantId, input: { name: "test", scopes } })).key;
}

export async function platformKeyFor(db: Db, scopes?: PlatformApiKeyScope[]): Promise<string> {
  return (await createPlatformApiKey({ db, input: { name: "test platform key", scopes }, actor: systemActor })).key;
}

/** Everything a tenant's requests could write, to prove a refused request wrote nothing. */
export async function tenantSnapshot(db: Db, tenantId: string) {
  const [endpointRows, secrets, messageCount, deliveries] = await Promise.all([
    db.endpoint.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.endpointSecret.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.message.count({ where: { tenantId } }),
    db.delivery.findMany({ where: { tenantId }, orderBy: { id: "asc" }, select: { id: true, status: true, updatedAt: true } }),
  ]);
  return JSON.stringify({ endpointRows, secrets, messageCount, deliveries });
}
