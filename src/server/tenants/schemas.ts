import { z } from "zod";
import { storableText } from "@/server/messages/schemas";
import { requestJsonSchema } from "@/server/json-schema";
import { cursorSchema } from "@/server/pagination/keyset-cursor";

export const emailSchema = z.string().trim().toLowerCase().email("Enter a valid email address").max(254);
export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100),
  email: emailSchema,
  password: passwordSchema,
  organization: z.string().trim().min(2, "Enter your organization's name").max(80),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200),
});
export type SignInInput = z.infer<typeof signInInput>;

export const tenantDto = z.object({ id: z.string(), slug: z.string(), name: z.string() });
export type TenantDto = z.infer<typeof tenantDto>;

/** The product's own customer id (like Svix's app uid): what a product backend publishes by. */
export const externalIdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(/^[A-Za-z0-9._:@-]+$/, "may contain only letters, digits and . _ : @ -")
  .describe("The product's own id for this customer; unique in the install. Letters, digits and . _ : @ -");

const metadataKey = storableText(z.string().min(1).max(64));

export const tenantMetadataSchema = z
  .record(metadataKey, storableText(z.string().max(1000)))
  .refine((metadata) => Object.keys(metadata).length <= 50, "at most 50 keys")
  // the key rules, said in the document too (the generator leaves a record's key schema out)
  .meta({ propertyNames: requestJsonSchema(metadataKey), maxProperties: 50 })
  .describe(
    "Free-form string pairs for the product team (plan, region…); at most 50 keys of 1–64 characters. " +
      "Keys and values are Unicode text without NUL characters; a lone UTF-16 surrogate is a 422 too",
  );

export const tenantNameSchema = storableText(z.string().trim().min(1, "Enter a name").max(100)).describe(
  "Unicode text without NUL characters; a lone UTF-16 surrogate is a 422 too",
);

export const createTenantInput = z
  .strictObject({
    name: tenantNameSchema,
    external_id: externalIdSchema.optional(),
    metadata: tenantMetadataSchema.default({}),
  })
  .meta({ id: "CreateTenant", example: { name: "Acme Corp", external_id: "cus_8f14e45f", metadata: { plan: "gold" } } });
export type CreateTenantInput = z.input<typeof createTenantInput>;

/** A tenant a signed-in person makes from the portal: a name only (external ids are the product team's). */
export const createOwnTenantInput = z.strictObject({ name: tenantNameSchema });

/** The tenant's name typed again, so a stray click deletes nothing. */
export const deleteOwnTenantInput = z.strictObject({ confirm_name: z.string().max(100) });
export type DeleteOwnTenantInput = z.infer<typeof deleteOwnTenantInput>;

export const switchTenantInput = z.strictObject({ slug: z.string().min(1).max(100) });

export const updateTenantInput = z
  .strictObject({
    name: tenantNameSchema.optional(),
    external_id: externalIdSchema.nullable().optional().describe("null removes it"),
    metadata: tenantMetadataSchema.optional().describe("replaces the whole metadata object"),
  })
  .meta({ id: "UpdateTenant" });
export type UpdateTenantInput = z.input<typeof updateTenantInput>;

export const listTenantsQuery = z.strictObject({
  search: storableText(z.string().trim().max(128)).optional().describe("part of the name, or the external id's start; Unicode text without NUL characters"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: cursorSchema.optional(),
});
export type ListTenantsQuery = z.input<typeof listTenantsQuery>;


export const tenantStatsDto = z.object({
  endpoints: z.number().int().describe("endpoints that are not deleted"),
  failing_endpoints: z.number().int().describe("endpoints failing right now, or disabled"),
  deliveries_24h: z.number().int().describe("finished deliveries in the last 24 hours, test events excluded"),
  success_rate_24h: z.number().nullable().describe("share of those that succeeded; null without deliveries"),
  last_delivery_at: z.date().nullable(),
});
export type TenantStatsDto = z.infer<typeof tenantStatsDto>;

export const tenantDetailDto = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    external_id: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
    created_at: z.date(),
    stats: tenantStatsDto,
  })
  .meta({ id: "Tenant" });
export type TenantDetailDto = z.infer<typeof tenantDetailDto>;

export const tenantListDto = z
  .object({ data: z.array(tenantDetailDto), next_cursor: z.string().nullable() })
  .meta({ id: "TenantList" });
export type TenantListDto = z.infer<typeof tenantListDto>;
