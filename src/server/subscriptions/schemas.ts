import { z } from "zod";
import { requestJsonSchema } from "@/server/json-schema";
import { cursorSchema } from "@/server/pagination/keyset-cursor";
import { eventTypeNames } from "@/server/catalog";
import { ALL_EVENTS, endpointLimits, webhookUrlSchema, type EventSelection } from "@/server/endpoints/schemas";
import { deliveryStatusSchema } from "@/server/messages/schemas";
import { messageFilterExample, messageFilterSyntax } from "./message-filter";

// Seed 004's subscription API over Hookline's own rows: a subscription is an endpoint, a subscription's
// message is a delivery, an event is a published message. Names are the seed's (camelCase, `type` naming
// the kind of resource), so a client written against the provider's guide reads them unchanged.

export const subscriptionLimits = {
  nameLength: 200,
  /** every catalog event at most once */
  testEvents: eventTypeNames.length,
  messagesPerPage: 500,
} as const;

const unknownEventType = (issue: { input?: unknown }) => `unknown event type "${String(issue.input)}"; GET /events/types lists them`;

/**
 * Event type ids, as a list or as one id alone (the provider's own published example sends a string).
 * Checked after the shape, so an unknown id is named in the error rather than lost in a union's.
 */
function eventTypeIdList<Id extends string>(id: z.ZodType<Id, string>, max: number) {
  const ids = z.array(id).min(1, "name at least one event type").max(max);
  // the document states the ids' enum, which the parse below checks after the shape
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (typeof value === "string" ? [value] : value))
    .pipe(ids)
    .transform((list) => [...new Set(list)])
    .meta(requestJsonSchema(z.union([id, ids])));
}

export const subscribedEventsSchema = eventTypeIdList(z.enum([ALL_EVENTS, ...eventTypeNames], { error: unknownEventType }), endpointLimits.enabledEvents)
  // "*" already covers every id beside it
  .transform((ids): EventSelection[] => (ids.includes(ALL_EVENTS) ? [ALL_EVENTS] : ids))
  .describe('Event type ids the subscription receives (GET /events/types lists them); ["*"] = every event type, present and future')
  .meta({ example: ["user.created", "consent.revoked"] });

const testEventTypeIdsSchema = eventTypeIdList(z.enum(eventTypeNames, { error: unknownEventType }), subscriptionLimits.testEvents).meta({ example: ["user.created"] });

const nameSchema = z.string().trim().min(1).max(subscriptionLimits.nameLength).describe("A label of your own");
const descriptionSchema = z.string().trim().max(endpointLimits.descriptionLength);

export const createSubscriptionInput = z
  .strictObject({
    url: webhookUrlSchema.describe("Your webhook endpoint: messages are POSTed there"),
    subscribedEvents: subscribedEventsSchema,
    name: nameSchema.optional(),
    description: descriptionSchema.optional(),
  })
  .meta({
    id: "CreateSubscription",
    example: { url: "https://example.com/webhooks", subscribedEvents: ["user.created"], name: "Users", description: "New users to onboard" },
  });
export type CreateSubscriptionInput = z.input<typeof createSubscriptionInput>;

/** The guide updates with POST: only the fields sent change; null clears the name or the description. */
export const updateSubscriptionInput = z
  .strictObject({
    url: webhookUrlSchema
      .optional()
      .describe(
        "Another URL; it must not be one of your other subscriptions'. A URL at another origin (scheme, host or port) drops " +
          "the receiver credentials set through PUT /api/v2/webhook_endpoint/{id}: they were given for the old host",
      ),
    subscribedEvents: subscribedEventsSchema.optional(),
    name: nameSchema.nullable().optional(),
    description: descriptionSchema.nullable().optional(),
  })
  .meta({ id: "UpdateSubscription", example: { subscribedEvents: ["user.created", "consent.created"] } });
export type UpdateSubscriptionInput = z.input<typeof updateSubscriptionInput>;

export const listSubscriptionMessagesQuery = z
  .strictObject({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(subscriptionLimits.messagesPerPage)
      .default(subscriptionLimits.messagesPerPage)
      .describe(`Messages per page, at most ${subscriptionLimits.messagesPerPage}`),
    filter: z
      .string()
      .max(2_000)
      .optional()
      .describe(messageFilterSyntax)
      .meta({ example: messageFilterExample }),
    cursor: cursorSchema.optional(),
  })
  .meta({ id: "ListSubscriptionMessagesQuery" });
export type ListSubscriptionMessagesQuery = z.input<typeof listSubscriptionMessagesQuery>;

export const sendTestMessagesInput = z
  .strictObject({
    url: webhookUrlSchema.describe("The URL of one of your subscriptions: test messages are signed with its secret and kept in its message log"),
    events: testEventTypeIdsSchema.optional().describe("Event type ids whose sample payload to send"),
    eventTypeIds: testEventTypeIdsSchema.optional().describe("The same as events"),
  })
  .superRefine((input, ctx) => {
    if (input.events && input.eventTypeIds) ctx.addIssue({ code: "custom", path: ["eventTypeIds"], message: "give events or eventTypeIds, not both" });
    else if (!input.events && !input.eventTypeIds) ctx.addIssue({ code: "custom", path: ["events"], message: "is required: the event type ids to test" });
  })
  .transform(({ url, events, eventTypeIds }) => ({ url, eventTypeIds: (events ?? eventTypeIds)! }))
  // the rule of the superRefine above, for the OpenAPI document: events or eventTypeIds, exactly one
  .meta({ id: "SendTestMessages", oneOf: [{ required: ["events"] }, { required: ["eventTypeIds"] }], example: { url: "https://example.com/webhooks", events: ["user.created"] } });
export type SendTestMessagesInput = z.input<typeof sendTestMessagesInput>;

// ───────────────────────────── responses ─────────────────────────────


export const subscriptionStatuses = ["active", "inactive", "disabled"] as const;

export const subscriptionDto = z
  .object({
    type: z.literal("webhook"),
    id: z.uuid(),
    name: z.string().nullable(),
    description: z.string().nullable(),
    url: z.string(),
    status: z
      .enum(subscriptionStatuses)
      .describe("active: receives its events; inactive: switched off (is_active false); disabled: Hookline stopped it (disabled_reason in GET /api/v2/webhook_endpoint/{id})"),
    subscribedEvents: z.array(z.string()),
    secret: z
      .string()
      .nullable()
      .describe(
        "Verifies the webhook-signature header (Standard Webhooks). In the answers to create and update (write scope); " +
          "null in reads, which need only the read scope: GET /api/v2/webhook_endpoint/{id}/secret reads it with write",
      ),
    links: z.object({ self: z.string() }),
  })
  .meta({ id: "Subscription" });
export type SubscriptionDto = z.infer<typeof subscriptionDto>;

const listLinks = z.object({
  self: z.string(),
  next: z.string().nullable().describe("The next page; null on the last"),
});

/** Seed 004's list envelope: `count` items in this page, `size` matching in all. */
function listOf<Item extends z.ZodType>(item: Item, id: string) {
  return z
    .object({
      type: z.literal("list"),
      count: z.int().describe("Items in data"),
      size: z.int().describe("Items matching the request, over every page"),
      data: z.array(item),
      links: listLinks,
    })
    .meta({ id });
}

export const subscriptionListDto = listOf(subscriptionDto, "SubscriptionList");
export type SubscriptionListDto = z.infer<typeof subscriptionListDto>;

export const subscriptionAttemptDto = z
  .object({
    id: z.uuid(),
    number: z.int(),
    createdDate: z.date(),
    url: z.string(),
    requestHeaders: z.record(z.string(), z.string()).describe("As sent, signature included; receiver credentials redacted"),
    responseStatusCode: z.int().nullable(),
    responseBody: z.string().nullable().describe("The first 64 KiB"),
    durationMs: z.int(),
    succeeded: z.boolean(),
    errorClass: z.string().nullable().describe("timeout, dns, connection_refused, connection, tls, ssrf_blocked, non_2xx, redirect"),
    errorMessage: z.string().nullable(),
  })
  .meta({ id: "SubscriptionMessageAttempt" });

export const subscriptionMessageDto = z
  .object({
    type: z.literal("message"),
    id: z.uuid(),
    webhookId: z.uuid(),
    eventTypeId: z.string(),
    eventId: z.uuid().describe("The published event: GET /events/{eventId}"),
    status: deliveryStatusSchema,
    createdDate: z.date(),
    payload: z.record(z.string(), z.unknown()).describe("The exact body sent to the subscription (or to be sent)"),
    attempts: z.array(subscriptionAttemptDto).describe("Oldest first"),
    links: z.object({ self: z.string(), webhook: z.string(), event: z.string() }),
  })
  .meta({ id: "SubscriptionMessage" });
export type SubscriptionMessageDto = z.infer<typeof subscriptionMessageDto>;

export const subscriptionMessageListDto = listOf(subscriptionMessageDto, "SubscriptionMessageList");
export type SubscriptionMessageListDto = z.infer<typeof subscriptionMessageListDto>;

export const testMessagesDto = z
  .object({
    type: z.literal("test"),
    url: z.string(),
    webhookId: z.uuid().describe("The subscription whose URL it is"),
    data: z.array(subscriptionMessageDto).describe("One message per event type, with its first attempt"),
  })
  .meta({ id: "TestMessages" });
export type TestMessagesDto = z.infer<typeof testMessagesDto>;

export const subscriptionEventTypeDto = z
  .object({
    type: z.literal("eventType"),
    id: z.string(),
    group: z.string(),
    description: z.string(),
    example: z.unknown().describe("A sample payload, as published; what a test message sends"),
    wireExample: z.unknown().describe("The sample as the body a subscription receives"),
  })
  .meta({ id: "SubscriptionEventType" });

export const subscriptionEventTypeListDto = listOf(subscriptionEventTypeDto, "SubscriptionEventTypeList");
export type SubscriptionEventTypeListDto = z.infer<typeof subscriptionEventTypeListDto>;

export const eventDto = z
  .object({
    type: z.literal("event"),
    id: z.uuid(),
    eventTypeId: z.string(),
    createdDate: z.date(),
    payload: z.unknown().describe("The payload it was published with"),
    links: z.object({ self: z.string(), eventEntity: z.string().describe("The payload alone") }),
  })
  .meta({ id: "Event" });
export type EventDto = z.infer<typeof eventDto>;
