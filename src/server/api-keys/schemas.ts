import { z } from "zod";

/** read: GET routes; write: change endpoints, rotate and read secrets, retry, test; publish: POST messages. */
export const apiKeyScopes = ["read", "write", "publish"] as const;
export const apiKeyScopeSchema = z.enum(apiKeyScopes);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

export const createApiKeyInput = z.strictObject({
  name: z.string().trim().min(1, "Give the key a name").max(100),
  scopes: z
    .array(apiKeyScopeSchema)
    .min(1, "Choose at least one scope")
    .default([...apiKeyScopes])
    .transform((scopes) => apiKeyScopes.filter((scope) => scopes.includes(scope))),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

const isoDate = z.date().meta({ type: "string", format: "date-time" });

export const apiKeyDto = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe("The key's first characters, to tell keys apart"),
  scopes: z.array(apiKeyScopeSchema),
  last_used_at: isoDate.nullable(),
  revoked_at: isoDate.nullable(),
  created_at: isoDate,
});
export type ApiKeyDto = z.infer<typeof apiKeyDto>;

/** Returned once, at creation: only the hash is stored. */
export const createdApiKeyDto = z.object({ apiKey: apiKeyDto, key: z.string() });
export type CreatedApiKeyDto = z.infer<typeof createdApiKeyDto>;
