import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { apiKeyScopes, platformApiKeyScopes, platformScopeFor, type ApiKeyScope, type PlatformApiKeyScope } from "@/server/api-keys/schemas";
import { mintPortalLinkInput, portalLinkDto } from "@/server/portal-links/schemas";
import { createTenantInput, listTenantsQuery, tenantDetailDto, tenantListDto, updateTenantInput } from "@/server/tenants/schemas";
import { deliveryDto, listDeliveriesQuery } from "@/server/deliveries/schemas";
import { eventNamesDto, primaryWebhookDto, primaryWebhookTokenDto, upsertPrimaryWebhookInput } from "@/server/endpoints/primary-webhook-schemas";
import {
  createEndpointInput,
  deletedEndpointDto,
  endpointDto,
  endpointListDto,
  endpointSecretDto,
  listEndpointsQuery,
  retryTaskInput,
  rotateSecretInput,
  updateEndpointInput,
} from "@/server/endpoints/schemas";
import { PAYLOAD_FILTER_SCHEMA_REF, payloadConditionSchema } from "@/server/endpoints/payload-filter";
import { env } from "@/server/env";
import { requestJsonSchema } from "@/server/json-schema";
import { listEventTypes, findEventType } from "@/server/catalog";
import {
  batchMessageInput,
  MAX_MESSAGES_PER_BATCH,
  messageDto,
  publishedMessagesDto,
  publishMessageInput,
} from "@/server/messages/schemas";
import {
  createSubscriptionInput,
  eventDto,
  listSubscriptionMessagesQuery,
  sendTestMessagesInput,
  subscriptionDto,
  subscriptionEventTypeListDto,
  subscriptionListDto,
  subscriptionMessageDto,
  subscriptionMessageListDto,
  testMessagesDto,
  updateSubscriptionInput,
} from "@/server/subscriptions/schemas";
import { MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES } from "./body";
import { restErrorSchema } from "./errors";
import { eventTypeListDto } from "./event-types";
import { DEFAULT_API_RATE_LIMIT } from "./rate-limit";
import { testEventBody, testEventQuery } from "./rest-schemas";
import { TENANT_HEADER } from "./with-api-key";

// The document is generated from the very schemas the handlers parse with and the DTOs they answer
// with, so it cannot drift from what the API does.

const tags = {
  events: "Event types",
  endpoints: "Endpoints (seed 001)",
  primary: "Primary webhook (seed 002)",
  messages: "Messages",
  subscriptions: "Subscriptions (seed 004)",
  tenants: "Tenants (platform keys)",
  meta: "API description",
};

const description = `Hookline's REST API: the multi-endpoint API of seed 001, the single-webhook API of seed 002, publishing, and the subscription API of seed 004 at its own paths (\`/notifications/…\`, \`/events/…\`). A subscription is an endpoint: the same one, with the same id, in every API and in the portal.

**Authentication**: \`Authorization: Bearer <api key>\` (keys look like \`hk_live_…\`; create one in the portal or with \`npm run apikey -- --tenant <slug>\`). Each route names the scopes it accepts: ${apiKeyScopes.join(", ")}.

**Platform keys** (\`hk_op_…\`, the operator's: \`npm run apikey -- --operator\` or the operator console) manage tenants under \`/api/v2/tenants\` and act for any tenant on every other route when the request names it in the \`${TENANT_HEADER}\` header (its id or external id), exactly as that tenant's own key would. Their scopes: ${platformApiKeyScopes.join(", ")}; on a tenant route \`read\` opens what a tenant key's \`read\` opens, \`tenants:write\` what \`write\` opens, \`publish\` what \`publish\` opens. A platform key without the header on a tenant route, or a tenant key with it, is a 400; an unknown tenant is a 404; to a tenant key the tenants routes do not exist (404).

**Errors** are always JSON \`{"error": {"code", "message", "details?"}}\`: 400 malformed JSON, 401 missing or invalid key, 403 missing scope, 404 unknown id or another tenant's, 405 a method the route does not serve (with \`Allow\`; \`OPTIONS\` answers 204 with it), 409 conflict or a spent tenant quota (code \`QUOTA_EXCEEDED\`, \`details.quota\` names it), 413 body over ${MAX_BODY_BYTES} bytes (1 MiB; ${MAX_BATCH_BODY_BYTES} bytes, 5 MiB, for a batch), 422 validation (\`details.issues: [{path, message}]\`), 429 rate limited (\`Retry-After\` seconds), 500 opaque with a reference, 503 while the database or the job server cannot be reached (\`Retry-After\` seconds; nothing was accepted, so retry).

**Rate limit**: ${DEFAULT_API_RATE_LIMIT.points} requests per ${DEFAULT_API_RATE_LIMIT.durationSeconds} s per API key; every response carries \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\`. An address that presents too many invalid keys (30 a minute by default) gets 429 for a while, whatever key it sends.

**Pagination**: list routes return \`{data, next_cursor}\`; pass \`cursor=<next_cursor>\` for the next page. A cursor is opaque: only one issued by a previous page is meaningful, and the \`pattern\` of the \`cursor\` parameters says which strings are cursors at all (any other is a 400). Seed 004's lists are \`{type: "list", count, size, data, links: {self, next}}\`: follow \`links.next\` until it is null.`;

const idParam = (what: string) => z.object({ id: z.uuid().describe(`The ${what}'s id`) });
const webhookIdParam = z.object({ webhookId: z.uuid().describe("The subscription's id (the endpoint's id in seed 001's API)") });

const errorResponses = {
  400: "Malformed JSON or cursor",
  401: "Missing or invalid API key",
  403: "The API key lacks the scope",
  404: "No such resource for this tenant",
  409: "Conflicts with the current state, or a tenant quota is spent (QUOTA_EXCEEDED)",
  413: `Body larger than ${MAX_BODY_BYTES} bytes`,
  422: "Validation failed; details.issues says where",
  429: "Rate limited; retry after Retry-After seconds",
  431: "Request line and headers over 16 KiB: Node's HTTP server refuses them before the API reads them, with no body",
  500: "Unexpected failure; the reference is in the server log",
  503: "The database or the job server is unreachable for now; retry after Retry-After seconds",
} as const;

type Status = keyof typeof errorResponses;

function errors(statuses: Status[]): RouteConfig["responses"] {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: errorResponses[status],
        ...(status !== 431 && { content: { "application/json": { schema: restErrorSchema } } }),
        ...((status === 429 || status === 503) && { headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } } }),
      },
    ]),
  );
}

function ok(status: number, descriptionText: string, schema: z.ZodType, extraErrors: Status[] = []): RouteConfig["responses"] {
  return {
    [status]: { description: descriptionText, content: { "application/json": { schema } } },
    // 400: also a tenant key naming Hookline-Tenant, or a platform key without it; 503: the database or job server away
    ...errors([...new Set<Status>([400, 401, 403, 429, 431, 500, 503, ...extraErrors])].sort()),
  };
}

function jsonBody(schema: z.ZodType, required = true) {
  return { body: { required, content: { "application/json": { schema } } } };
}

type Route = Omit<RouteConfig, "security"> & {
  scopes: readonly ApiKeyScope[];
  /** a platform key may name a tenant per item instead of in Hookline-Tenant */
  tenantPerItem?: boolean;
};

const tenantHeader = z.object({
  [TENANT_HEADER]: z
    .string()
    .max(128)
    .optional()
    .describe("Platform keys only, and then required: the id or external id of the tenant the request acts for"),
});

const itemTenantHeader = z.object({
  [TENANT_HEADER]: z
    .string()
    .max(128)
    .optional()
    .describe("Platform keys only, and optional: the id or external id of the tenant of the items that name none"),
});

/** A tenant route: a tenant key, or a platform key naming the tenant in Hookline-Tenant (or per item). */
function route({ scopes, description: text, request, tenantPerItem = false, ...config }: Route): RouteConfig {
  const headers = request?.headers;
  const tenant = tenantPerItem ? itemTenantHeader : tenantHeader;
  const platformScopes = scopes.map((scope) => platformScopeFor[scope]).join(" or ");
  return {
    ...config,
    request: { ...request, headers: headers && "extend" in headers ? headers.extend(tenant.shape) : tenant },
    description: [
      text,
      `Scope: ${scopes.join(" or ")} (platform keys: ${platformScopes}, ${tenantPerItem ? `naming each item's tenant, or all of them with ${TENANT_HEADER}` : `with ${TENANT_HEADER}`}).`,
    ]
      .filter(Boolean)
      .join("\n\n"),
    security: [{ apiKey: [] }, { platformKey: [] }],
  };
}

/** A platform route (the tenants API): platform keys only. */
function platformRoute({ scope, description: text, ...config }: Omit<RouteConfig, "security"> & { scope: PlatformApiKeyScope }): RouteConfig {
  return {
    ...config,
    tags: [tags.tenants],
    description: [text, `Platform keys only. Scope: ${scope}.`].filter(Boolean).join("\n\n"),
    security: [{ platformKey: [] }],
  };
}

const tenantParam = z.object({
  tenant: z.string().min(1).max(128).describe("The tenant's id, or its external id (the product's own customer id)"),
});

/**
 * OpenAPI links from each creating operation to those that read, change and delete what it created (operation
 * id → the parameter the new id goes in), so a client (and a stateful fuzzer) follows them.
 */
const createdResources: Record<string, Record<string, string>> = {
  createEndpoint: Object.fromEntries(
    ["getEndpoint", "updateEndpoint", "deleteEndpoint", "getEndpointSecret", "rotateEndpointSecret", "listEndpointLogs", "sendTestEvent"].map((id) => [id, "id"]),
  ),
  createSubscription: Object.fromEntries(["getSubscription", "updateSubscription", "deleteSubscription", "listSubscriptionMessages"].map((id) => [id, "webhookId"])),
  publishMessage: { getMessage: "id", getMessagePayload: "id", getEvent: "eventId" },
  createTenant: Object.fromEntries(["getTenant", "updateTenant", "deleteTenant", "createPortalLink"].map((id) => [id, "tenant"])),
};

function withLinks(config: RouteConfig): RouteConfig {
  const created = config.operationId ? createdResources[config.operationId] : undefined;
  if (!created) return config;
  const [status, response] = Object.entries(config.responses).find(([code]) => code.startsWith("2"))!;
  const links = Object.fromEntries(
    Object.entries(created).map(([operationId, parameter]) => [operationId, { operationId, parameters: { [parameter]: "$response.body#/id" } }]),
  );
  return { ...config, responses: { ...config.responses, [status]: { ...response, links } } };
}

/**
 * The publish body as the API checks it: publishMessageInput with, per event type, `event_type` fixed to the
 * type and `payload` the catalog's own schema for it (the one publishMessage validates the payload with).
 */
function publishRequest(input: typeof publishMessageInput, id: string) {
  const [first, ...rest] = listEventTypes().map((eventType) =>
    input.extend({ event_type: z.literal(eventType.name), payload: eventType.schema }).meta({ id: `${id}.${eventType.name}` }),
  );
  return z.discriminatedUnion("event_type", [first!, ...rest]).meta({ id });
}

/** The batch body: each message as a single publish checks it, plus its tenant for a platform key. */
function batchPublishRequest() {
  const example = (name: string) => findEventType(name)!.example;
  return z
    .object({ messages: z.array(publishRequest(batchMessageInput, "BatchMessage")).min(1).max(MAX_MESSAGES_PER_BATCH) })
    .meta({
      id: "PublishMessages",
      example: {
        messages: [
          { event_type: "user.created", payload: example("user.created"), idempotency_key: "signup-1001" },
          { event_type: "user.created", payload: example("user.created"), idempotency_key: "signup-1002", ordering_key: "user-1002" },
        ],
      },
    });
}

/** The payload filter's JSON Schema, its self-references pointed at the component that holds it. */
function documentedPayloadFilter() {
  const text = JSON.stringify(requestJsonSchema(payloadConditionSchema));
  return JSON.parse(text.replaceAll('"$ref":"#"', `"$ref":${JSON.stringify(PAYLOAD_FILTER_SCHEMA_REF)}`)) as Record<string, unknown>;
}

const logsPage = z
  .object({ data: z.array(deliveryDto), next_cursor: z.string().nullable() })
  .meta({ id: "DeliveryLogPage" });
const testEventResult = z.object({ message: messageDto }).meta({ id: "TestEventResult" });

function buildDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key of the tenant: Authorization: Bearer hk_live_…",
  });
  registry.registerComponent("schemas", PAYLOAD_FILTER_SCHEMA_REF.split("/").at(-1)!, documentedPayloadFilter());
  registry.registerComponent("securitySchemes", "platformKey", {
    type: "http",
    scheme: "bearer",
    description: `A platform key of the operator: Authorization: Bearer hk_op_…; on tenant routes with ${TENANT_HEADER}: <tenant id or external id>`,
  });

  const paths: RouteConfig[] = [
    route({
      method: "get",
      path: "/api/v2/events",
      operationId: "listEventTypes",
      tags: [tags.events],
      summary: "List event types with example payloads",
      description: "Every event type Hookline delivers: name, group, JSON Schema of the payload, an example, and the body as it arrives.",
      scopes: ["read"],
      responses: ok(200, "The event types", eventTypeListDto),
    }),
    route({
      method: "get",
      path: "/api/v2/webhook_endpoint",
      operationId: "listEndpoints",
      tags: [tags.endpoints],
      summary: "List endpoints",
      description: "Newest first, with the success rate of the last 24 hours and the latest delivery.",
      scopes: ["read"],
      request: { query: listEndpointsQuery },
      responses: ok(200, "A page of endpoints", endpointListDto, [400, 422]),
    }),
    route({
      method: "post",
      path: "/api/v2/webhook_endpoint",
      operationId: "createEndpoint",
      tags: [tags.endpoints],
      summary: "Create an endpoint",
      description: "A signing secret is generated with it; read it from `GET …/{id}/secret`. Beyond the tenant's endpoint quota: 409 `QUOTA_EXCEEDED`.",
      scopes: ["write"],
      request: jsonBody(createEndpointInput),
      responses: ok(201, "The endpoint", endpointDto, [400, 409, 413, 422]),
    }),
    route({
      method: "get",
      path: "/api/v2/webhook_endpoint/{id}",
      operationId: "getEndpoint",
      tags: [tags.endpoints],
      summary: "Get an endpoint",
      scopes: ["read"],
      request: { params: idParam("endpoint") },
      responses: ok(200, "The endpoint", endpointDto, [404]),
    }),
    route({
      method: "put",
      path: "/api/v2/webhook_endpoint/{id}",
      operationId: "updateEndpoint",
      tags: [tags.endpoints],
      summary: "Update an endpoint",
      description:
        "Fields left out keep their values; auth_settings merge into the stored ones while auth_type stays. " +
        "So whether `auth_settings` (or a new `auth_type` alone) is complete depends on the endpoint's stored auth type and settings, else 422: a rule about stored state that this document cannot state as a schema.",
      scopes: ["write"],
      request: { params: idParam("endpoint"), ...jsonBody(updateEndpointInput) },
      responses: ok(200, "The endpoint", endpointDto, [400, 404, 413, 422]),
    }),
    route({
      method: "delete",
      path: "/api/v2/webhook_endpoint/{id}",
      operationId: "deleteEndpoint",
      tags: [tags.endpoints],
      summary: "Delete an endpoint",
      description: "Unfinished deliveries are cancelled; delivered ones stay in the logs.",
      scopes: ["write"],
      request: { params: idParam("endpoint") },
      responses: ok(200, "Deleted", deletedEndpointDto, [404]),
    }),
    route({
      method: "get",
      path: "/api/v2/webhook_endpoint/{id}/secret",
      operationId: "getEndpointSecret",
      tags: [tags.endpoints],
      summary: "Get the endpoint's signing secret",
      scopes: ["write"],
      request: { params: idParam("endpoint") },
      responses: ok(200, "The secret", endpointSecretDto, [404]),
    }),
    route({
      method: "patch",
      path: "/api/v2/webhook_endpoint/{id}/secret",
      operationId: "rotateEndpointSecret",
      tags: [tags.endpoints],
      summary: "Rotate the endpoint's signing secret",
      description: "The body is optional. The previous secret keeps signing beside the new one for `overlap_seconds` (default 86400).",
      scopes: ["write"],
      request: { params: idParam("endpoint"), ...jsonBody(rotateSecretInput, false) },
      responses: ok(200, "The new secret", endpointSecretDto, [400, 404, 413, 422]),
    }),
    route({
      method: "get",
      path: "/api/v2/webhook_endpoint/{id}/logs",
      operationId: "listEndpointLogs",
      tags: [tags.endpoints],
      summary: "Deliveries to the endpoint, with every attempt",
      description: "Newest first. Filter by status, event_type and time (since/until, ISO 8601).",
      scopes: ["read"],
      request: { params: idParam("endpoint"), query: listDeliveriesQuery.in },
      responses: ok(200, "A page of deliveries", logsPage, [400, 404, 422]),
    }),
    route({
      method: "post",
      path: "/api/v2/webhook_endpoint/retry",
      operationId: "retryTask",
      tags: [tags.endpoints],
      summary: "Retry a failed event",
      description: "Sends the task's message again, with the same payload, as a new delivery linked to the old one.",
      scopes: ["write"],
      request: jsonBody(retryTaskInput),
      responses: ok(202, "The new delivery", deliveryDto, [400, 404, 409, 413, 422]),
    }),
    route({
      method: "post",
      path: "/api/v2/webhook_endpoint/{id}/test",
      operationId: "sendTestEvent",
      tags: [tags.endpoints],
      summary: "Send a test event",
      description:
        "Delivers the event type's example payload (or the body's `payload`) to this endpoint. The body is optional. " +
        "A `payload` must match the schema of the event type named in `event` (see `GET /api/v2/events`), else 422: a rule between the query and the body that this document cannot state as a schema.",
      scopes: ["write"],
      request: { params: idParam("endpoint"), query: testEventQuery, ...jsonBody(testEventBody, false) },
      responses: ok(202, "The test message and its delivery", testEventResult, [400, 404, 409, 413, 422]),
    }),
    route({
      method: "get",
      path: "/api/v2/webhook/events",
      operationId: "listEventNames",
      tags: [tags.primary],
      summary: "List event names",
      scopes: ["read"],
      responses: ok(200, "Every event name", eventNamesDto),
    }),
    route({
      method: "get",
      path: "/api/v2/webhook",
      operationId: "getPrimaryWebhook",
      tags: [tags.primary],
      summary: "Get the webhook",
      scopes: ["read"],
      responses: ok(200, "The webhook, every event as a boolean", primaryWebhookDto, [404]),
    }),
    route({
      method: "put",
      path: "/api/v2/webhook",
      operationId: "upsertPrimaryWebhook",
      tags: [tags.primary],
      summary: "Create or update the webhook",
      description:
        "The first PUT needs url and signature_enabled; every event is off unless set. Later PUTs change what they send. " +
        "signature_enabled true signs with X-Signature (HMAC of the body), false sends the token in X-Webhook-Token.",
      scopes: ["write"],
      request: jsonBody(upsertPrimaryWebhookInput),
      responses: ok(200, "The webhook", primaryWebhookDto, [400, 409, 413, 422]),
    }),
    route({
      method: "get",
      path: "/api/v2/webhook/token",
      operationId: "getPrimaryWebhookToken",
      tags: [tags.primary],
      summary: "Get the secret token",
      scopes: ["write"],
      responses: ok(200, "The token", primaryWebhookTokenDto, [404]),
    }),
    route({
      method: "patch",
      path: "/api/v2/webhook/token",
      operationId: "rotatePrimaryWebhookToken",
      tags: [tags.primary],
      summary: "Generate a new secret token",
      description: "The previous token stays valid for 24 hours where a receiver may still check it.",
      scopes: ["write"],
      responses: ok(200, "The new token", primaryWebhookTokenDto, [404]),
    }),
    route({
      method: "post",
      path: "/api/v2/messages",
      operationId: "publishMessage",
      tags: [tags.messages],
      summary: "Publish an event",
      description:
        "Validates the payload against the event type's schema, then delivers it to every active endpoint subscribed to the type. " +
        "An idempotency key (field or `Idempotency-Key` header) makes a repeat return the first result, with `Idempotent-Replayed: true`. " +
        "A type subscribed by more endpoints than one message may fan out to is refused whole: 409 `QUOTA_EXCEEDED`. " +
        "Sent both ways, the header and the field must be equal, else 422 (a rule between a header and the body that this document cannot state as a schema).",
      scopes: ["publish"],
      request: {
        headers: z.object({ "Idempotency-Key": z.string().max(255).optional().describe("Same as the idempotency_key field") }),
        ...jsonBody(publishRequest(publishMessageInput, "PublishMessage")),
      },
      responses: ok(202, "The message and its deliveries", messageDto, [400, 409, 413, 422]),
    }),
    route({
      method: "post",
      path: "/api/v2/messages/batch",
      operationId: "publishMessages",
      tags: [tags.messages],
      summary: "Publish up to 1,000 events at once",
      description:
        `For high volume (from about 10 messages a second): one request for up to ${MAX_MESSAGES_PER_BATCH} messages, body up to ${MAX_BATCH_BODY_BYTES} bytes (5 MiB), one request against the rate limit. ` +
        "Each message is what a single publish takes. All are checked first: if any is invalid the whole request is a 422 whose `details.issues` name each problem by index and field (`messages.3.payload.amount`), and nothing is published. " +
        "Otherwise all are committed together and answered in order, one message result per message sent. " +
        "Each `idempotency_key` is honoured on its own: a key used before, or earlier in the same batch, gives that first result back (its index is in `replayed`); a key used with a different event type or payload is a 409 naming the index, and nothing is published. " +
        "A message whose type more endpoints subscribe to than one message may fan out to refuses the whole batch: 409 `QUOTA_EXCEEDED` with `details.index`. " +
        "A platform key names each message's tenant in `tenant_id` (or all of them in the header); an unknown tenant is a 422 at that index. A tenant key sending `tenant_id` is a 422. " +
        "The `Idempotency-Key` header is refused (422): a batch has no one key (a rule about a header this document cannot state as a schema).",
      scopes: ["publish"],
      tenantPerItem: true,
      request: jsonBody(batchPublishRequest()),
      responses: {
        ...ok(202, "One result per message, in order", publishedMessagesDto.meta({ id: "PublishedMessages" }), [400, 409, 413, 422]),
        413: { ...errors([413])[413], description: `Body larger than ${MAX_BATCH_BODY_BYTES} bytes` },
      },
    }),
    route({
      method: "get",
      path: "/api/v2/messages/{id}",
      operationId: "getMessage",
      tags: [tags.messages],
      summary: "Get a message with its delivery statuses",
      scopes: ["read", "publish"],
      request: { params: idParam("message") },
      responses: ok(200, "The message", messageDto, [404]),
    }),
    route({
      method: "get",
      path: "/api/v2/messages/{id}/payload",
      operationId: "getMessagePayload",
      tags: [tags.messages],
      summary: "Get the payload a message was published with",
      description: "The `links.eventEntity` of seed-004 style bodies (`user.created`, consent events) points here.",
      scopes: ["read", "publish"],
      request: { params: idParam("message") },
      responses: ok(200, "The payload, as published", z.record(z.string(), z.unknown()), [404]),
    }),
    route({
      method: "get",
      path: "/notifications/webhooks",
      operationId: "listSubscriptions",
      tags: [tags.subscriptions],
      summary: "List subscriptions",
      description: "Newest first. Every endpoint of the tenant is a subscription, whichever API created it; secrets are null here.",
      scopes: ["read"],
      request: { query: listEndpointsQuery },
      responses: ok(200, "A page of subscriptions", subscriptionListDto, [400, 422]),
    }),
    route({
      method: "post",
      path: "/notifications/webhooks",
      operationId: "createSubscription",
      tags: [tags.subscriptions],
      summary: "Create a subscription",
      description:
        "Registers your URL for the event types named (one id as a string is accepted too). Messages are signed the Standard Webhooks way: " +
        "`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`, keyed by the `secret` in the answer. A URL you already subscribed is a 409.",
      scopes: ["write"],
      request: jsonBody(createSubscriptionInput),
      responses: ok(201, "The subscription, with its secret", subscriptionDto, [400, 409, 413, 422]),
    }),
    route({
      method: "get",
      path: "/notifications/webhooks/{webhookId}",
      operationId: "getSubscription",
      tags: [tags.subscriptions],
      summary: "Get a subscription",
      scopes: ["read"],
      request: { params: webhookIdParam },
      responses: ok(200, "The subscription (secret null)", subscriptionDto, [404]),
    }),
    route({
      method: "post",
      path: "/notifications/webhooks/{webhookId}",
      operationId: "updateSubscription",
      tags: [tags.subscriptions],
      summary: "Update a subscription",
      description: "The guide updates with POST. Only the fields sent change; null clears name or description.",
      scopes: ["write"],
      request: { params: webhookIdParam, ...jsonBody(updateSubscriptionInput) },
      responses: ok(200, "The subscription, with its secret", subscriptionDto, [400, 404, 409, 413, 422]),
    }),
    route({
      method: "delete",
      path: "/notifications/webhooks/{webhookId}",
      operationId: "deleteSubscription",
      tags: [tags.subscriptions],
      summary: "Delete a subscription",
      description: "Unfinished messages are cancelled; sent ones stay in the seed 001 logs and the portal.",
      scopes: ["write"],
      request: { params: webhookIdParam },
      responses: { 204: { description: "Deleted" }, ...errors([400, 401, 403, 404, 429, 431, 500, 503]) },
    }),
    route({
      method: "get",
      path: "/notifications/webhooks/{webhookId}/messages",
      operationId: "listSubscriptionMessages",
      tags: [tags.subscriptions],
      summary: "List the subscription's messages",
      description:
        "Newest first, each with the exact body sent and every attempt. `filter` takes the provider's syntax: " +
        "`filter=eventTypeId.eq('user.created'),status.eq('failed'),createdDate.gteq('2025-03-01')`. " +
        "Conditions: `createdDate.gt|gteq|lt|lteq('<date or ISO 8601 date-time>')`, `createdDate.bt('<from>','<to>')` (from not after to), `status.eq(…)`, `eventTypeId.eq(…)`, `eventId.eq(…)`; " +
        "anything else is a 422 (calendar dates and their order are beyond what a schema pattern can check).",
      scopes: ["read"],
      request: { params: webhookIdParam, query: listSubscriptionMessagesQuery },
      responses: ok(200, "A page of messages", subscriptionMessageListDto, [400, 404, 422]),
    }),
    route({
      method: "get",
      path: "/notifications/webhooks/{webhookId}/messages/{messageId}",
      operationId: "getSubscriptionMessage",
      tags: [tags.subscriptions],
      summary: "Get one message of the subscription",
      scopes: ["read"],
      request: { params: webhookIdParam.extend({ messageId: z.uuid().describe("The message's id (the task_id of seed 001's logs)") }) },
      responses: ok(200, "The message", subscriptionMessageDto, [404]),
    }),
    route({
      method: "post",
      path: "/notifications/messages/test",
      operationId: "sendTestMessages",
      tags: [tags.subscriptions],
      summary: "Send test messages to a subscription's URL",
      description:
        "Sends each event type's sample payload to the URL now and answers with what was sent and how the receiver answered. " +
        "The URL must be one of your subscriptions' at the time of the call (else 422; a rule about stored state that this document cannot state as a schema): the messages are signed with its secret, kept in its message log, and never count against its health.",
      scopes: ["write"],
      request: jsonBody(sendTestMessagesInput),
      responses: ok(200, "The messages sent, with their first attempt", testMessagesDto, [400, 409, 413, 422]),
    }),
    route({
      method: "get",
      path: "/events/types",
      operationId: "listSubscriptionEventTypes",
      tags: [tags.subscriptions],
      summary: "List the event types a subscription can name",
      scopes: ["read"],
      responses: ok(200, "Every event type", subscriptionEventTypeListDto),
    }),
    route({
      method: "get",
      path: "/events/{eventId}",
      operationId: "getEvent",
      tags: [tags.subscriptions],
      summary: "Get a published event",
      description: "The `links.event` of every seed 004 body points here.",
      scopes: ["read", "publish"],
      request: { params: z.object({ eventId: z.uuid().describe("The eventId of a message") }) },
      responses: ok(200, "The event", eventDto, [404]),
    }),
    platformRoute({
      method: "get",
      path: "/api/v2/tenants",
      operationId: "listTenants",
      summary: "List tenants",
      description: "Newest first, each with its health over the last 24 hours. `search` matches part of the name, or the start of the external id or slug.",
      scope: "tenants:read",
      request: { query: listTenantsQuery },
      responses: ok(200, "A page of tenants", tenantListDto, [400, 404, 422]),
    }),
    platformRoute({
      method: "post",
      path: "/api/v2/tenants",
      operationId: "createTenant",
      summary: "Create a tenant",
      description: "One per customer of the product, named by the product's own customer id (`external_id`, unique in the install).",
      scope: "tenants:write",
      request: jsonBody(createTenantInput),
      responses: ok(201, "The tenant", tenantDetailDto, [400, 404, 409, 413, 422]),
    }),
    platformRoute({
      method: "get",
      path: "/api/v2/tenants/{tenant}",
      operationId: "getTenant",
      summary: "Get a tenant",
      scope: "tenants:read",
      request: { params: tenantParam },
      responses: ok(200, "The tenant", tenantDetailDto, [404]),
    }),
    platformRoute({
      method: "patch",
      path: "/api/v2/tenants/{tenant}",
      operationId: "updateTenant",
      summary: "Update a tenant",
      description: "Fields left out keep their values; `external_id: null` removes it; `metadata` replaces the whole object.",
      scope: "tenants:write",
      request: { params: tenantParam, ...jsonBody(updateTenantInput) },
      responses: ok(200, "The tenant", tenantDetailDto, [400, 404, 409, 413, 422]),
    }),
    platformRoute({
      method: "delete",
      path: "/api/v2/tenants/{tenant}",
      operationId: "deleteTenant",
      summary: "Delete a tenant and all its data",
      description:
        "Endpoints, secrets, messages, deliveries and attempts, API keys, members, inspector bins, portal sessions and the tenant's activity log go in one transaction; unfinished deliveries stop before their next attempt. The install's activity log keeps who deleted it.",
      scope: "tenants:write",
      request: { params: tenantParam },
      responses: ok(200, "Deleted", z.object({ id: z.uuid(), deleted: z.literal(true) }).meta({ id: "DeletedTenant" }), [404]),
    }),
    platformRoute({
      method: "post",
      path: "/api/v2/tenants/{tenant}/portal-links",
      operationId: "createPortalLink",
      summary: "Create a portal link",
      description:
        "A single-use link that opens the tenant's portal (endpoints, logs, secrets, test events, event catalog, inspector) without a user account, in an embedded layout that works inside an iframe on the origins of HOOKLINE_FRAME_ANCESTORS. `read` sessions see everything and change nothing. The body is optional.",
      scope: "portal-links",
      request: { params: tenantParam, ...jsonBody(mintPortalLinkInput, false) },
      responses: ok(201, "The link, shown once", portalLinkDto, [400, 404, 413, 422]),
    }),
  ];
  for (const path of paths) registry.registerPath(withLinks(path));
  registry.registerPath({
    method: "get",
    path: "/api/v2/openapi.json",
    operationId: "getOpenApiDocument",
    tags: [tags.meta],
    summary: "This document",
    description: "Public: no API key needed.",
    security: [],
    responses: { 200: { description: "OpenAPI 3.1", content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } } },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "Hookline API", version: "2.0.0", description },
    servers: [{ url: env().publicUrl }],
    tags: Object.values(tags).map((name) => ({ name })),
    security: [{ apiKey: [] }],
  });
}

let cached: ReturnType<typeof buildDocument> | undefined;

/** Built once per process: the schemas are fixed at build time. */
export function openApiDocument() {
  return (cached ??= buildDocument());
}
