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
