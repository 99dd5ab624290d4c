import type { Actor } from "@/server/access/caller";
import { recordActivity } from "@/server/activity/record-activity";
import { forgetApiKey } from "@/server/api-keys/api-key-cache";
import type { Db } from "@/server/db/client";
import { resolveTenantReference } from "./resolve-tenant-reference";

/**
 * Removes a tenant and everything it owns: one DELETE cascades through the foreign keys to endpoints,
 * secrets, messages, deliveries, attempts, API keys, memberships, inspector bins, portal sessions and the
 * tenant's activity log. That cancels unfinished deliveries too: a delivery run finds its delivery gone
 * before its next attempt and ends without sending. Users stay: they may belong to other tenants. The install-level
 * log keeps one entry saying who deleted it.
 */
export async function deleteTenant({ db, reference, actor }: { db: Db; reference: string; actor: Actor }): Promise<{ id: string; deleted: true }> {
  const tenant = await resolveTenantReference({ db, reference });
  const keys = await db.$transaction(async (tx) => {
    const apiKeys = await tx.apiKey.findMany({ where: { tenantId: tenant.id }, select: { keyHash: true } });
    await tx.tenant.delete({ where: { id: tenant.id } });
    return apiKeys;
  });
  // committed: this process refuses the tenant's keys from its next request on
  for (const { keyHash } of keys) forgetApiKey(db, keyHash);
  await recordActivity({
    db,
    tenantId: null,
    actor,
    action: "tenant.deleted",
    targetId: tenant.id,
    summary: `Deleted tenant ${tenant.name}${tenant.externalId ? ` (external id ${tenant.externalId})` : ""} and all its data`,
  });
  return { id: tenant.id, deleted: true };
}
