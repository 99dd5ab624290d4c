import { z } from "zod";
import { eventTypeNames, type EventTypeName } from "@/server/catalog";
import { webhookUrlSchema } from "./schemas";

// Seed 002's single webhook per tenant: events are top-level booleans named after the event types, all
// false unless set, and `signature_enabled` picks between an HMAC signature and a plain token header.

function eventFlags<Flag extends z.ZodType>(flag: Flag) {
  return Object.fromEntries(eventTypeNames.map((name) => [name, flag])) as Record<EventTypeName, Flag>;
}

export const upsertPrimaryWebhookInput = z
  .strictObject(
    {
      url: webhookUrlSchema.optional().describe("Required when the webhook is created"),
      signature_enabled: z
        .boolean()
        .optional()
        .describe("true: X-Signature HMAC of the body with the token; false: the token itself in X-Webhook-Token. Required on create"),
      ...eventFlags(z.boolean().optional()),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown field or event name ${issue.keys.map((key) => `"${key}"`).join(", ")}; GET /api/v2/webhook/events lists the event names`
          : undefined,
    },
  )
  .meta({
    id: "PrimaryWebhookInput",
    description: "Events not mentioned stay as they are (false on create)",
    example: { url: "https://example.com/webhooks", signature_enabled: true, profile_create: true, document_upload: true },
  });
export type UpsertPrimaryWebhookInput = z.input<typeof upsertPrimaryWebhookInput>;

export const primaryWebhookDto = z
  .object({
    id: z.uuid(),
    url: z.string(),
    ...eventFlags(z.boolean()),
    signature_enabled: z.boolean(),
  })
  .meta({ id: "PrimaryWebhook" });
export type PrimaryWebhookDto = z.infer<typeof primaryWebhookDto>;

export const primaryWebhookTokenDto = z
  .object({ token: z.string().describe("Store it securely; it signs (or is sent with) every request") })
  .meta({ id: "PrimaryWebhookToken" });
export type PrimaryWebhookTokenDto = z.infer<typeof primaryWebhookTokenDto>;

export const eventNamesDto = z.array(z.string()).meta({ id: "EventNames", example: eventTypeNames.slice(2, 12) });
