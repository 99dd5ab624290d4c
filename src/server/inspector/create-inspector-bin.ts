import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { toInspectorBinDto } from "./dto";
import { createInspectorBinInput, INSPECTOR_MAX_BINS_PER_TENANT, type CreateInspectorBinInput } from "./schemas";

/** A new capture bin; its token is the unguessable, public part of the capture URL. */
export async function createInspectorBin({ db, tenantId, publicUrl, input }: {
  db: Db;
  tenantId: string;
  publicUrl: string;
  input: CreateInspectorBinInput;
}) {
  const { name } = createInspectorBinInput.parse(input);
  const existing = await db.inspectorBin.count({ where: { tenantId } });
  if (existing >= INSPECTOR_MAX_BINS_PER_TENANT) {
    throw new AppError("CONFLICT", `A tenant keeps at most ${INSPECTOR_MAX_BINS_PER_TENANT} bins; delete one first`);
  }
  const bin = await db.inspectorBin.create({
    data: { tenantId, name, token: `in_${randomBytes(18).toString("base64url")}` },
  });
  return toInspectorBinDto({ ...bin, requestCount: 0, lastReceivedAt: null }, publicUrl);
}
