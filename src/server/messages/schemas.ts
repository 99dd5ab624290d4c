import { z } from "zod";

/** PostgreSQL text and jsonb cannot hold NUL or unpaired surrogates: such a value must be a 422, not a failed insert's 500. */
export function isStorableText(value: string): boolean {
  return !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}
export const storableTextMessage = "must be valid Unicode text without NUL characters";

/** Text PostgreSQL stores: no NUL (a pattern, so the OpenAPI document says it) and no lone surrogate (no pattern can). */
export const storableText = (text: z.ZodString) => text.regex(/^[^\u0000]*$/, storableTextMessage).refine(isStorableText, storableTextMessage);

export const idempotencyKeySchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(255, "must be at most 255 characters")
  .refine(isStorableText, storableTextMessage);

/** Names a sequence: one endpoint receives the messages of one key in the order they were published. */
export const orderingKeySchema = z
  .string()
  .min(1, "must not be empty")
  .max(255, "must be at most 255 characters")
  .refine(isStorableText, storableTextMessage)
  .describe("Messages with the same key reach each endpoint in the order they were published");

/** `POST /api/v2/messages` body and the portal's "publish" form. */
export const publishMessageInput = z.object({
  event_type: z.string().min(1, "is required").max(100),
  payload: z.unknown().refine((value) => value !== undefined, "is required"),
  idempotency_key: idempotencyKeySchema.optional(),
  ordering_key: orderingKeySchema.optional(),
});
export type PublishMessageInput = z.infer<typeof publishMessageInput>;

/** Messages one `POST /api/v2/messages/batch` may carry. */
export const MAX_MESSAGES_PER_BATCH = 1000;

/** One message of a batch: a single publish's body, and for a platform key the tenant it is for. */
export const batchMessageInput = publishMessageInput.extend({
  tenant_id: z
    .string()
    .min(1, "must not be empty")
    .max(128, "must be at most 128 characters")
    .optional()
    .describe("Platform keys only: the id or external id of the tenant this message is for (default: the Hookline-Tenant header's)"),
});
export type BatchMessageInput = z.infer<typeof batchMessageInput>;

/** `POST /api/v2/messages/batch` body. */
export const publishMessagesInput = z.object({
  messages: z
    .array(batchMessageInput)
    .min(1, "must hold at least one message")
    .max(MAX_MESSAGES_PER_BATCH, `must hold at most ${MAX_MESSAGES_PER_BATCH} messages; split larger batches`),
});
export type PublishMessagesInput = z.infer<typeof publishMessagesInput>;

export const deliveryStatusSchema = z.enum(["pending", "delivering", "succeeded", "failed", "cancelled"]);
export type DeliveryStatusName = z.infer<typeof deliveryStatusSchema>;

export const deliverySummaryDto = z.object({
  id: z.string(),
  endpoint_id: z.string(),
  status: deliveryStatusSchema,
  attempt_count: z.number().int(),
  next_attempt_at: z.date().nullable(),
  completed_at: z.date().nullable(),
});
export type DeliverySummaryDto = z.infer<typeof deliverySummaryDto>;

export const messageDto = z.object({
  id: z.string(),
  event_type: z.string(),
  payload: z.unknown(),
  idempotency_key: z.string().nullable(),
  ordering_key: z.string().nullable(),
  created_at: z.date(),
  deliveries: z.array(deliverySummaryDto),
});
export type MessageDto = z.infer<typeof messageDto>;

export const publishedMessagesDto = z.object({
  data: z.array(messageDto).describe("One result per message sent, in the order sent"),
  replayed: z
    .array(z.number().int().nonnegative())
    .describe("Indexes of the messages whose idempotency key was used before (here or earlier in this batch): their result is the first one's, nothing new was published"),
});
export type PublishedMessagesDto = z.infer<typeof publishedMessagesDto>;
