import type { ApiKey } from "@/generated/prisma/client";
import { apiKeyDto, type ApiKeyDto } from "./schemas";

export function toApiKeyDto(row: ApiKey): ApiKeyDto {
  return apiKeyDto.parse({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    last_used_at: row.lastUsedAt,
    revoked_at: row.revokedAt,
    created_at: row.createdAt,
  });
}

/** How the activity log names a key: readable after revocation, and never the key itself. */
export function apiKeyLabel(row: Pick<ApiKey, "name" | "prefix">): string {
  return `${row.name} (${row.prefix}…)`;
}
