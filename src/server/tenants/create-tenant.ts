import type { Actor } from "@/server/access/caller";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { createTenantInput, type CreateTenantInput, type TenantDetailDto } from "./schemas";
import { conflictOnDuplicateExternalId } from "./external-id-conflict";
import { newTenantSlug } from "./tenant-slug";
import { tenantStats } from "./tenant-stats";
import { toTenantDetailDto } from "./to-tenant-dto";

/**
 * A tenant for one of the product's customers, made by an operator, or by a signed-in person from the portal
 * (`ownerUserId`: they become its owner in the same statement); a taken external id is a CONFLICT.
 */
export async function createTenant({ db, input, actor, ownerUserId }: {
  db: Db;
  input: CreateTenantInput;
  actor: Actor;
  ownerUserId?: string;
}): Promise<TenantDetailDto> {
  const data = createTenantInput.parse(input);
  const row = await conflictOnDuplicateExternalId(data.external_id, () =>
    db.tenant.create({
      data: {
        name: data.name,
        slug: newTenantSlug(data.name),
        externalId: data.external_id,
        metadata: data.metadata,
        ...(ownerUserId && { memberships: { create: { userId: ownerUserId, role: "owner" } } }),
      },
    }),
  );
  await recordActivity({
    db,
    tenantId: row.id,
    actor,
    action: "tenant.created",
    targetId: row.id,
    summary: `Created tenant ${row.name}${row.externalId ? ` (external id ${row.externalId})` : ""}`,
  });
  return toTenantDetailDto(row, (await tenantStats(db, [row.id])).get(row.id)!);
}
