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

/** `POST /api/v2/messages` body and the portal's "publish" form. */
export const publishMessageInput = z.object({
  event_type: z.string().min(1, "is required").max(100),
  payload: z.unknown().refine((value) => value !== undefined, "is required"),
  idempotency_key: idempotencyKeySchema.optional(),
});
export type PublishMessageInput = z.infer<typeof publishMessageInput>;

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
  created_at: z.date(),
  deliveries: z.array(deliverySummaryDto),
});
export type MessageDto = z.infer<typeof messageDto>;
