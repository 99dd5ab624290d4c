import type { Db } from "@/server/db/client";
import { toInspectorBinDto } from "./dto";

/** The tenant's bins, newest first, each with how many requests it holds and when the last arrived. */
export async function listInspectorBins({ db, tenantId, publicUrl }: { db: Db; tenantId: string; publicUrl: string }) {
  const bins = await db.inspectorBin.findMany({
    where: { tenantId },
    orderBy: { createdAt: "desc" },
    include: {
      _count: { select: { requests: true } },
      requests: { select: { receivedAt: true }, orderBy: { receivedAt: "desc" }, take: 1 },
    },
  });
  return bins.map(({ _count, requests, ...bin }) =>
    toInspectorBinDto({ ...bin, requestCount: _count.requests, lastReceivedAt: requests[0]?.receivedAt ?? null }, publicUrl),
  );
}
