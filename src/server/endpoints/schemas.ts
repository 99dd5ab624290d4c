import { z } from "zod";
import { requestJsonSchema } from "@/server/json-schema";
import { storableText } from "@/server/messages/schemas";
import { cursorSchema } from "@/server/pagination/keyset-cursor";
import { eventTypeNames, isOperationalEventType, operationalEventTypeNames } from "@/server/catalog";
import { receiverAuthSettingsSchemas } from "@/server/deliveries/receiver-auth";
import { nullablePayloadFilterSchema, payloadFilterSchema } from "./payload-filter";
import { issuesFrom } from "./validation";

// One set of schemas for the portal form, tRPC and REST (seed 001's snake_case body plus Hookline's
// extras). Field names follow seed 001; seed 000's WebhookBaseUrl/WebhookRelativePath become
// base_url/relative_path, its AuthType/AuthSettings auth_type/auth_settings.

export const receiverAuthTypes = ["None", "ApiKey", "Basic", "Bearer"] as const;
export const signatureSchemes = ["standard", "hmac", "token", "aw", "none"] as const;
export const retryBackoffs = ["fixed", "exponential"] as const;

/** Subscribes an endpoint to every event type, present and future. */
export const ALL_EVENTS = "*";

export const endpointLimits = {
  urlLength: 2048,
  descriptionLength: 500,
  enabledEvents: 100,
  customHeaders: 20,
  headerValueLength: 1024,
  metadataEntries: 50,
  metadataKeyLength: 64,
  metadataValueLength: 512,
  retryCount: { min: 0, max: 20 },
  retryIntervalSeconds: { min: 1, max: 86_400 },
  timeoutMs: { min: 100, max: 60_000 },
  rateLimitPerSecond: { min: 1, max: 10_000 },
} as const;

export const endpointDefaults = {
  description: "",
  isActive: true,
  signatureScheme: "standard",
  retryCount: 5,
  retryIntervalSeconds: 60,
  backoff: "fixed",
  timeoutMs: 10_000,
} as const;

/** An absolute http(s) URL a webhook can be POSTed to; private addresses are refused at delivery time. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(endpointLimits.urlLength)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be an absolute URL such as https://example.com/webhooks" });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "must use http or https" });
    }
    if (url.username || url.password) {
      // credentials in a URL end up in logs and attempt records; auth_settings keeps them encrypted
      ctx.addIssue({ code: "custom", message: "must not contain credentials; use auth_type Basic instead" });
    }
    if (url.hash) ctx.addIssue({ code: "custom", message: "must not contain a #fragment" });
  })
  .meta({ format: "uri", example: "https://example.com/webhooks/hookline" });

export const relativePathSchema = z
  .string()
  .trim()
  .max(1024)
  .regex(/^\/[^\s#]*$/, "must start with / and contain no spaces or #fragment")
  .meta({ example: "/webhook/events" });

/** Seed 000: `WebhookBaseUrl` + `WebhookRelativePath` make the URL requests go to. */
export function joinEndpointUrl(baseUrl: string, relativePath: string | null | undefined): string {
  if (!relativePath) return baseUrl;
  return `${baseUrl.replace(/\/+$/, "")}/${relativePath.replace(/^\/+/, "")}`;
}

/**
 * Whether a change of URL sends deliveries to another origin (scheme, host and port). Receiver credentials
 * were entered for the old origin: they do not follow the endpoint there unless entered again.
 */
export function movesToAnotherOrigin(currentUrl: string, nextUrl: string | undefined): boolean {
  if (!nextUrl || !URL.canParse(nextUrl) || !URL.canParse(currentUrl)) return false;
  return new URL(nextUrl).origin !== new URL(currentUrl).origin;
}

export const eventSelectionSchema = z.enum([ALL_EVENTS, ...eventTypeNames, ...operationalEventTypeNames] as const);
export type EventSelection = z.infer<typeof eventSelectionSchema>;

export const enabledEventsSchema = z
  .array(eventSelectionSchema)
  .max(endpointLimits.enabledEvents)
  // order and repeats carry no meaning; "*" already covers every published name beside it, never Hookline's operational ones
  .transform((names): EventSelection[] => {
    const unique = [...new Set(names)];
    return unique.includes(ALL_EVENTS) ? [ALL_EVENTS, ...unique.filter(isOperationalEventType)] : unique;
  })
  .describe(
    'Event type names the endpoint receives (GET /api/v2/events lists them); ["*"] = every published type; [] = none. Hookline\'s operational events (endpoint.disabled, endpoint.failing, endpoint.recovered, message.attempt.exhausted) are received only when named',
  );

// Headers the delivery itself owns: framing and hop-by-hop headers the HTTP client manages, the body's
// content type, and every signature header of every scheme (a tenant header must never pose as one).
const reservedHeaderNames = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
  "expect",
  "content-type",
  "webhook-id",
  "webhook-timestamp",
  "webhook-signature",
  "x-signature",
  "x-timestamp",
  "x-webhook-token",
  "x-aw-timestamp",
  "x-aw-signature",
]);

const customHeaderNameSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "not a valid HTTP header name")
  .refine((name) => !reservedHeaderNames.has(name.toLowerCase()), "this header is set by Hookline itself");

export const customHeadersSchema = z
  .record(
    customHeaderNameSchema,
    z
      .string()
      .max(endpointLimits.headerValueLength)
      .regex(/^[\t\x20-\x7e\x80-\xff]*$/, "must not contain line breaks or control characters"),
  )
  .superRefine((headers, ctx) => {
    const names = Object.keys(headers);
    if (names.length > endpointLimits.customHeaders) {
      ctx.addIssue({ code: "custom", message: `at most ${endpointLimits.customHeaders} headers` });
    }
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name.toLowerCase())) ctx.addIssue({ code: "custom", path: [name], message: "repeats a header name (names are case-insensitive)" });
      seen.add(name.toLowerCase());
    }
  })
  .describe("Headers added to every request to this endpoint")
  // the name rules, said in the document too (the generator leaves a record's key schema out)
  .meta({ propertyNames: requestJsonSchema(customHeaderNameSchema), maxProperties: endpointLimits.customHeaders })
  .meta({ example: { "X-Tenant-Ref": "acme-42" } });

const metadataKeySchema = storableText(z.string().min(1).max(endpointLimits.metadataKeyLength));

export const metadataSchema = z
  .record(metadataKeySchema, storableText(z.string().max(endpointLimits.metadataValueLength)))
  .refine((metadata) => Object.keys(metadata).length <= endpointLimits.metadataEntries, `at most ${endpointLimits.metadataEntries} entries`)
  .describe("Your own key-value data, stored and returned as given; Unicode text without NUL characters (a lone UTF-16 surrogate is a 422 too)")
  // the key rules, said in the document too (the generator leaves a record's key schema out)
  .meta({ example: { team: "payments" }, propertyNames: requestJsonSchema(metadataKeySchema), maxProperties: endpointLimits.metadataEntries });

export const receiverAuthTypeSchema = z.enum(receiverAuthTypes).describe("How the receiver authenticates Hookline (seed 000's AuthType)");
export type ReceiverAuthTypeName = z.infer<typeof receiverAuthTypeSchema>;

/** The JSON Schema of each auth type's settings, for the OpenAPI document. */
const documentedAuthSettings = Object.fromEntries(
  receiverAuthTypes.map((type) => [type, requestJsonSchema(receiverAuthSettingsSchemas[type])]),
);

/** Documented as any of the four settings shapes; checked against `auth_type` in full. */
export const authSettingsInputSchema = z
  .record(z.string(), z.unknown())
  .describe(
    "Settings for auth_type (seed 000's AuthSettings): ApiKey {apiKey, headerName?}, Basic {username, password}, " +
      "Bearer {token}, None {}. Stored encrypted; responses show only headerName/username.",
  )
  .meta({ anyOf: Object.values(documentedAuthSettings) });

/**
 * The rule of authSettingsIssues on create, for the OpenAPI document: auth_settings in the shape of auth_type,
 * which is None when left out (and then auth_settings, if sent, is {}).
 */
const authSettingsMatchAuthType = receiverAuthTypes.map((type) => ({
  ...(type !== "None" && { required: ["auth_type", "auth_settings"] }),
  properties: { auth_type: { const: type }, auth_settings: documentedAuthSettings[type] },
}));

export const signatureSchemeSchema = z
  .enum(signatureSchemes)
  .describe(
    "standard: Standard Webhooks (webhook-signature); hmac: X-Signature hex HMAC of the body; token: X-Webhook-Token; " +
      "aw: x-aw-signature (seed 003); none: unsigned",
  );
export const retryBackoffSchema = z.enum(retryBackoffs).describe("fixed: retry_interval between attempts; exponential: doubling from it");

const fields = {
  url: webhookUrlSchema.describe("Where requests go; or give base_url (+ relative_path) instead"),
  base_url: webhookUrlSchema.describe("Seed 000's WebhookBaseUrl, joined with relative_path"),
  relative_path: relativePathSchema.nullable().describe("Seed 000's WebhookRelativePath"),
  description: storableText(z.string().trim().max(endpointLimits.descriptionLength)),
  is_active: z.boolean().describe("Inactive endpoints receive nothing"),
  enabled_events: enabledEventsSchema,
  custom_headers: customHeadersSchema,
  metadata: metadataSchema,
  auth_type: receiverAuthTypeSchema,
  auth_settings: authSettingsInputSchema,
  signature_scheme: signatureSchemeSchema,
  retry_count: z.int().min(endpointLimits.retryCount.min).max(endpointLimits.retryCount.max).describe("Retries after the first attempt fails"),
  retry_interval: z
    .int()
    .min(endpointLimits.retryIntervalSeconds.min)
    .max(endpointLimits.retryIntervalSeconds.max)
    .describe("Seconds between attempts (seed 000's RetryInterval)"),
  backoff: retryBackoffSchema,
  timeout_ms: z.int().min(endpointLimits.timeoutMs.min).max(endpointLimits.timeoutMs.max).describe("Per-attempt timeout"),
  rate_limit_per_second: z
    .int()
    .min(endpointLimits.rateLimitPerSecond.min)
    .max(endpointLimits.rateLimitPerSecond.max)
    .nullable()
    .describe("Most requests per second sent to this endpoint; null = unlimited"),
  filter: nullablePayloadFilterSchema,
};

/** Issues of `auth_settings` checked against `auth_type`, under the `auth_settings` path. */
export function authSettingsIssues(authType: ReceiverAuthTypeName, settings: unknown) {
  const parsed = receiverAuthSettingsSchemas[authType].safeParse(settings ?? {});
  return parsed.success ? [] : issuesFrom(parsed.error, ["auth_settings"]);
}

type HeaderCheck = { custom_headers?: Record<string, string>; auth_type?: ReceiverAuthTypeName; auth_settings?: Record<string, unknown> };

/** A custom header must not silently replace the receiver credentials. */
export function headerConflicts({ custom_headers, auth_type, auth_settings }: HeaderCheck): string[] {
  if (!custom_headers || !auth_type || auth_type === "None") return [];
  const credentialHeader =
    auth_type === "ApiKey" ? String(auth_settings?.headerName ?? "X-API-Key") : "Authorization";
  return Object.keys(custom_headers).filter((name) => name.toLowerCase() === credentialHeader.toLowerCase());
}

export const createEndpointInput = z
  .strictObject({
    url: fields.url.optional(),
    base_url: fields.base_url.optional(),
    relative_path: fields.relative_path.optional(),
    description: fields.description.default(endpointDefaults.description),
    is_active: fields.is_active.default(endpointDefaults.isActive),
    enabled_events: fields.enabled_events.default([]),
    custom_headers: fields.custom_headers.default({}),
    metadata: fields.metadata.default({}),
    auth_type: fields.auth_type.default("None"),
    auth_settings: fields.auth_settings.optional(),
    signature_scheme: fields.signature_scheme.default(endpointDefaults.signatureScheme),
    retry_count: fields.retry_count.default(endpointDefaults.retryCount),
    retry_interval: fields.retry_interval.default(endpointDefaults.retryIntervalSeconds),
    backoff: fields.backoff.default(endpointDefaults.backoff),
    timeout_ms: fields.timeout_ms.default(endpointDefaults.timeoutMs),
    rate_limit_per_second: fields.rate_limit_per_second.optional(),
    filter: fields.filter.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.url && input.base_url) {
      ctx.addIssue({ code: "custom", path: ["base_url"], message: "give either url or base_url (+ relative_path), not both" });
    } else if (!input.url && !input.base_url) {
      ctx.addIssue({ code: "custom", path: ["url"], message: "is required (or give base_url and relative_path)" });
    }
    if (input.relative_path && !input.base_url) {
      ctx.addIssue({ code: "custom", path: ["relative_path"], message: "needs base_url" });
    }
    for (const issue of authSettingsIssues(input.auth_type, input.auth_settings)) ctx.addIssue({ ...issue, code: "custom" });
    for (const name of headerConflicts(input)) {
      ctx.addIssue({ code: "custom", path: ["custom_headers", name], message: `conflicts with the ${input.auth_type} credentials` });
    }
  })
  .meta({
    id: "CreateEndpoint",
    // the rule of the superRefine above, for the OpenAPI document: url, or base_url (+ relative_path), never both
    oneOf: [
      { required: ["url"], not: { required: ["base_url"] }, properties: { relative_path: { type: "null" } } },
      { required: ["base_url"], not: { required: ["url"] } },
    ],
    anyOf: authSettingsMatchAuthType,
    example: { url: "https://example.com/webhooks", enabled_events: ["profile_create"], custom_headers: {}, metadata: {} },
  });
export type CreateEndpointInput = z.input<typeof createEndpointInput>;

/** Every field optional: what is sent changes, the rest stays (secrets in auth_settings included). */
export const updateEndpointInput = z
  .strictObject({
    url: fields.url.optional(),
    base_url: fields.base_url.optional(),
    relative_path: fields.relative_path.optional(),
    description: fields.description.optional(),
    is_active: fields.is_active.optional(),
    enabled_events: fields.enabled_events.optional(),
    custom_headers: fields.custom_headers.optional(),
    metadata: fields.metadata.optional(),
    auth_type: fields.auth_type.optional(),
    auth_settings: fields.auth_settings
      .optional()
      .describe(
        "Merged into the stored settings when auth_type is unchanged, so a secret need not be sent again. " +
          "An update that moves the endpoint to another origin (scheme, host or port) drops the stored credentials " +
          "(auth_type becomes None) unless auth_settings are given in full in the same update",
      ),
    signature_scheme: fields.signature_scheme.optional(),
    retry_count: fields.retry_count.optional(),
    retry_interval: fields.retry_interval.optional(),
    backoff: fields.backoff.optional(),
    timeout_ms: fields.timeout_ms.optional(),
    rate_limit_per_second: fields.rate_limit_per_second.optional(),
    filter: fields.filter.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.url && input.base_url) {
      ctx.addIssue({ code: "custom", path: ["base_url"], message: "give either url or base_url (+ relative_path), not both" });
    }
  })
  .meta({
    id: "UpdateEndpoint",
    // the rule of the superRefine above, for the OpenAPI document
    not: { required: ["url", "base_url"] },
    example: { url: "https://example.com/webhooks", enabled_events: ["profile_create", "profile_update"], custom_headers: {}, metadata: {} },
  });
export type UpdateEndpointInput = z.input<typeof updateEndpointInput>;

export const listEndpointsQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: cursorSchema.optional(),
  })
  .meta({ id: "ListEndpointsQuery" });
export type ListEndpointsQuery = z.input<typeof listEndpointsQuery>;

export const rotateSecretInput = z
  .strictObject({
    overlap_seconds: z
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(86_400)
      .describe("How long the previous secret keeps signing beside the new one; 0 retires it at once"),
  })
  .meta({ id: "RotateSecret" });
export type RotateSecretInput = z.input<typeof rotateSecretInput>;

/** Seed 001's `POST /api/v2/webhook_endpoint/retry` body. */
export const retryTaskInput = z
  .strictObject({
    task_id: z.uuid("must be the id of a delivery (task) from the endpoint's logs").describe("The delivery to send again"),
    webhook_id: z.string().max(100).optional().describe("When given, the task must belong to this endpoint"),
    event_type: z.string().max(100).optional().describe("When given, the task's event type must be this one"),
    body: z.unknown().optional().describe("Accepted for seed 001 compatibility; the stored payload is sent again unchanged"),
    customer_id: z.string().max(200).optional().describe("Accepted for seed 001 compatibility; not used"),
  })
  .meta({
    id: "RetryTask",
    example: { task_id: "7b1f3c2e-8a4d-4f6b-9e0a-2c5d8f1b3a47", webhook_id: "0f8fad5b-d9cb-469f-a165-70867728950e", event_type: "profile_create" },
  });
export type RetryTaskInput = z.input<typeof retryTaskInput>;

// ───────────────────────────── responses ─────────────────────────────


export const redactedAuthSettingsSchema = z
  .object({ headerName: z.string().optional(), username: z.string().optional() })
  .describe("The non-secret part of auth_settings (secrets are never returned)");

export const endpointDto = z
  .object({
    id: z.uuid(),
    url: z.string(),
    base_url: z.string().nullable(),
    relative_path: z.string().nullable(),
    description: z.string(),
    is_active: z.boolean(),
    enabled_events: z.array(z.string()),
    custom_headers: z.record(z.string(), z.string()),
    metadata: z.record(z.string(), z.string()),
    auth_type: receiverAuthTypeSchema,
    auth_settings: redactedAuthSettingsSchema,
    signature_scheme: signatureSchemeSchema,
    retry_count: z.int(),
    retry_interval: z.int(),
    backoff: retryBackoffSchema,
    timeout_ms: z.int(),
    rate_limit_per_second: z.int().nullable(),
    filter: nullablePayloadFilterSchema,
    primary: z.boolean().describe("The tenant's single webhook of PUT /api/v2/webhook"),
    disabled_reason: z.string().nullable().describe("Why Hookline disabled the endpoint, if it did"),
    disabled_at: z.date().nullable(),
    failing_since: z.date().nullable().describe("Start of the current run of failed attempts; null while healthy"),
    consecutive_failures: z.int().describe("Failed attempts in a row"),
    failing_alerted_at: z.date().nullable().describe("When endpoint.failing was sent for the current run of failures"),
    recovered_at: z.date().nullable().describe("When endpoint.recovered was last sent: the first success after an alerted run of failures"),
    created_at: z.date(),
    updated_at: z.date(),
  })
  .meta({ id: "Endpoint" });
export type EndpointDto = z.infer<typeof endpointDto>;

export const endpointStatsDto = z
  .object({
    deliveries_24h: z.int().describe("Finished deliveries in the last 24 hours (test events excluded)"),
    succeeded_24h: z.int(),
    failed_24h: z.int(),
    success_rate_24h: z.number().min(0).max(1).nullable().describe("succeeded / finished; null without deliveries"),
    last_delivery: z
      .object({ id: z.uuid(), status: z.string(), created_at: z.date() })
      .nullable(),
  })
  .meta({ id: "EndpointStats" });
export type EndpointStatsDto = z.infer<typeof endpointStatsDto>;

export const endpointListItemDto = endpointDto.extend({ stats: endpointStatsDto }).meta({ id: "EndpointWithStats" });
export type EndpointListItemDto = z.infer<typeof endpointListItemDto>;

export const endpointListDto = z
  .object({ data: z.array(endpointListItemDto), next_cursor: z.string().nullable() })
  .meta({ id: "EndpointList" });
export type EndpointListDto = z.infer<typeof endpointListDto>;

export const deletedEndpointDto = z
  .object({
    id: z.uuid(),
    deleted: z.literal(true),
    cancelled_deliveries: z.int().describe("Unfinished deliveries to this endpoint that will not be sent"),
  })
  .meta({ id: "DeletedEndpoint" });
export type DeletedEndpointDto = z.infer<typeof deletedEndpointDto>;

export const endpointSecretDto = z
  .object({
    secret: z.string().describe("Verify signatures with this; store it securely"),
    signature_scheme: signatureSchemeSchema,
    created_at: z.date(),
    previous_secrets: z
      .array(z.object({ created_at: z.date(), expires_at: z.date() }))
      .describe("Rotated secrets still signing beside the current one until expires_at (values not shown)"),
  })
  .meta({ id: "EndpointSecret" });
export type EndpointSecretDto = z.infer<typeof endpointSecretDto>;

/** The portal's "test this filter" preview: the filter being edited, not yet saved. */
export const previewPayloadFilterInput = z.strictObject({ filter: payloadFilterSchema }).meta({ id: "PreviewPayloadFilter" });
export type PreviewPayloadFilterInput = z.input<typeof previewPayloadFilterInput>;

export const PAYLOAD_FILTER_PREVIEW_MESSAGES = 50;

export const payloadFilterPreviewDto = z.object({
  messages: z.array(z.object({ id: z.uuid(), event_type: z.string(), created_at: z.date(), matches: z.boolean() })),
  matched: z.int(),
});
export type PayloadFilterPreviewDto = z.infer<typeof payloadFilterPreviewDto>;
