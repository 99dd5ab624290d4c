import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";

/** The tenant's bin, or NOT_FOUND (another tenant's bin looks missing). */
export async function requireInspectorBin({ db, tenantId, binId }: { db: Db; tenantId: string; binId: string }) {
  const bin = await db.inspectorBin.findFirst({ where: { id: binId, tenantId } });
  if (!bin) throw notFound("Inspector bin");
  return bin;
}
