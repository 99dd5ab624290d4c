import type { Tenant } from "@/generated/prisma/client";
import { tenantDetailDto, type TenantDetailDto, type TenantStatsDto } from "./schemas";

export function toTenantDetailDto(row: Tenant, stats: TenantStatsDto): TenantDetailDto {
  return tenantDetailDto.parse({
    id: row.id,
    name: row.name,
    slug: row.slug,
    external_id: row.externalId,
    metadata: row.metadata,
    created_at: row.createdAt,
    stats,
  });
}
