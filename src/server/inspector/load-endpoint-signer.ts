import type { Db } from "@/server/db/client";
import { unseal } from "@/server/crypto/sealed-box";
import { notFound } from "@/server/errors";
import type { SignatureScheme } from "@/server/signing";

// PROVISIONAL: replaced by the endpoints domain's secret loader once it lands.
export async function loadEndpointSigner({ db, tenantId, endpointId, encryptionKey }: {
  db: Db;
  tenantId: string;
  endpointId: string;
  encryptionKey: Buffer;
}): Promise<{ endpointId: string; scheme: SignatureScheme; secrets: string[] }> {
  const endpoint = await db.endpoint.findFirst({
    where: { id: endpointId, tenantId },
    select: { signatureScheme: true, secrets: { orderBy: { createdAt: "desc" }, select: { sealed: true, expiresAt: true } } },
  });
  if (!endpoint) throw notFound("Endpoint");
  const now = new Date();
  const secrets = endpoint.secrets.filter((s) => !s.expiresAt || s.expiresAt > now).map((s) => unseal(s.sealed, encryptionKey));
  return { endpointId, scheme: endpoint.signatureScheme, secrets };
}
