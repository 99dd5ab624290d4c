import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";

/** Deletes a bin and everything it captured; its capture URL answers 404 from then on. */
export async function deleteInspectorBin({ db, tenantId, binId }: { db: Db; tenantId: string; binId: string }) {
  const { count } = await db.inspectorBin.deleteMany({ where: { id: binId, tenantId } });
  if (count === 0) throw notFound("Inspector bin");
  return { id: binId };
}
