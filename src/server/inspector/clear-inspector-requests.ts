import type { Db } from "@/server/db/client";
import { requireInspectorBin } from "./require-inspector-bin";

/** Empties a bin, keeping its capture URL. */
export async function clearInspectorRequests({ db, tenantId, binId }: { db: Db; tenantId: string; binId: string }) {
  await requireInspectorBin({ db, tenantId, binId });
  const { count } = await db.inspectorRequest.deleteMany({ where: { binId, bin: { tenantId } } });
  return { deleted: count };
}
