import type { Db } from "@/server/db/client";
import type { ApiKeyDto } from "./schemas";
import { toApiKeyDto } from "./to-api-key-dto";

/** A tenant's keys, or the platform keys when tenantId is null; newest first, revoked ones included. */
export async function listApiKeys({ db, tenantId }: { db: Db; tenantId: string | null }): Promise<ApiKeyDto[]> {
  const rows = await db.apiKey.findMany({
    where: { tenantId, kind: tenantId ? "tenant" : "platform" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toApiKeyDto);
}
