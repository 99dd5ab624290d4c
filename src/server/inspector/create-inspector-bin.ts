import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { assertRoomForOneMore } from "@/server/quotas/tenant-quotas";
import { toInspectorBinDto } from "./dto";
import { createInspectorBinInput, type CreateInspectorBinInput } from "./schemas";

/** A new capture bin, within the tenant's quota; its token is the unguessable, public part of the capture URL. */
export async function createInspectorBin({ db, tenantId, publicUrl, input }: {
  db: Db;
  tenantId: string;
  publicUrl: string;
  input: CreateInspectorBinInput;
}) {
  const { name } = createInspectorBinInput.parse(input);
  const bin = await db.$transaction(async (tx) => {
    await assertRoomForOneMore(tx, tenantId, "inspectorBins");
    return tx.inspectorBin.create({ data: { tenantId, name, token: `in_${randomBytes(18).toString("base64url")}` } });
  });
  return toInspectorBinDto({ ...bin, requestCount: 0, lastReceivedAt: null }, publicUrl);
}
