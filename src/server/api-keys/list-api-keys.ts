import type { Db } from "@/server/db/client";
import type { ApiKeyDto } from "./schemas";
import { toApiKeyDto } from "./to-api-key-dto";

/** The tenant's keys, newest first, revoked ones included (with their revocation time). */
export async function listApiKeys({ db, tenantId }: { db: Db; tenantId: string }): Promise<ApiKeyDto[]> {
  const rows = await db.apiKey.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(toApiKeyDto);
}
