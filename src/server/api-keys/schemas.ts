import { z } from "zod";

/** read: GET routes; write: change endpoints, rotate and read secrets, retry, test; publish: POST messages. */
export const apiKeyScopes = ["read", "write", "publish"] as const;
export const apiKeyScopeSchema = z.enum(apiKeyScopes);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

/**
 * A platform key's scopes. On a tenant route (with `Hookline-Tenant`), `read` opens the routes a tenant
 * key's `read` opens, `tenants:write` those of `write`, and `publish` those of `publish`.
 */
export const platformApiKeyScopes = ["tenants:read", "tenants:write", "publish", "portal-links", "read"] as const;
export const platformApiKeyScopeSchema = z.enum(platformApiKeyScopes);
export type PlatformApiKeyScope = z.infer<typeof platformApiKeyScopeSchema>;

/** The platform scope that opens a tenant route guarded by a tenant scope. */
export const platformScopeFor: Record<ApiKeyScope, PlatformApiKeyScope> = {
  read: "read",
  write: "tenants:write",
  publish: "publish",
};

const anyApiKeyScopeSchema = z.enum([...new Set([...apiKeyScopes, ...platformApiKeyScopes])] as [string, ...string[]]);

const apiKeyName = z.string().trim().min(1, "Give the key a name").max(100);

export const createApiKeyInput = z.strictObject({
  name: apiKeyName,
  scopes: z
    .array(apiKeyScopeSchema)
    .min(1, "Choose at least one scope")
    .default([...apiKeyScopes])
    .transform((scopes) => apiKeyScopes.filter((scope) => scopes.includes(scope))),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

export const createPlatformApiKeyInput = z.strictObject({
  name: apiKeyName,
  scopes: z
    .array(platformApiKeyScopeSchema)
    .min(1, "Choose at least one scope")
    .default([...platformApiKeyScopes])
    .transform((scopes) => platformApiKeyScopes.filter((scope) => scopes.includes(scope))),
});
export type CreatePlatformApiKeyInput = z.input<typeof createPlatformApiKeyInput>;


export const apiKeyDto = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe("The key's first characters, to tell keys apart"),
  scopes: z.array(anyApiKeyScopeSchema),
  last_used_at: z.date().nullable(),
  revoked_at: z.date().nullable(),
  created_at: z.date(),
});
export type ApiKeyDto = z.infer<typeof apiKeyDto>;

/** Returned once, at creation: only the hash is stored. */
export const createdApiKeyDto = z.object({ apiKey: apiKeyDto, key: z.string() });
export type CreatedApiKeyDto = z.infer<typeof createdApiKeyDto>;
