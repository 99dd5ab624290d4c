import type { Db } from "@/server/db/client";
import { unseal } from "@/server/crypto/sealed-box";

/** The endpoint's current secret first, then rotated ones still inside their overlap window. */
export async function loadActiveSecrets({ db, endpointId, encryptionKey, now = new Date() }: {
  db: Db; endpointId: string; encryptionKey: Buffer; now?: Date;
}): Promise<string[]> {
  const rows = await db.endpointSecret.findMany({
    where: { endpointId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  // the current secret (no expiry) signs first; the others follow newest first
  rows.sort((a, b) => Number(a.expiresAt !== null) - Number(b.expiresAt !== null));
  return rows.map((row) => unseal(row.sealed, encryptionKey));
}
