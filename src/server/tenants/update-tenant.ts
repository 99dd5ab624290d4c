import type { Actor } from "@/server/access/caller";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { conflictOnDuplicateExternalId } from "./external-id-conflict";
import { resolveTenantReference } from "./resolve-tenant-reference";
import { updateTenantInput, type TenantDetailDto, type UpdateTenantInput } from "./schemas";
import { tenantStats } from "./tenant-stats";
import { toTenantDetailDto } from "./to-tenant-dto";

/** Changes the fields sent; `external_id: null` removes it, `metadata` replaces the whole object. */
export async function updateTenant({ db, reference, input, actor }: {
  db: Db;
  reference: string;
  input: UpdateTenantInput;
  actor: Actor;
}): Promise<TenantDetailDto> {
  const data = updateTenantInput.parse(input);
  const tenant = await resolveTenantReference({ db, reference });
  const row = await conflictOnDuplicateExternalId(data.external_id, () =>
    db.tenant.update({
      where: { id: tenant.id },
      data: { name: data.name, externalId: data.external_id, metadata: data.metadata },
    }),
  );
  const changed = Object.keys(data).filter((field) => data[field as keyof typeof data] !== undefined);
  if (changed.length > 0) {
    await recordActivity({ db, tenantId: row.id, actor, action: "tenant.updated", targetId: row.id, summary: `Changed ${changed.join(", ")} of tenant ${row.name}` });
  }
  return toTenantDetailDto(row, (await tenantStats(db, [row.id])).get(row.id)!);
}
