import type { Db } from "@/server/db/client";
import { checkCapturedSignature } from "./check-captured-signature";
import { headerMap } from "./dto";
import { loadEndpointSigner } from "./load-endpoint-signer";
import { requireInspectorBin } from "./require-inspector-bin";
import { listInspectorRequestsInput, type InspectorRequestDto, type ListInspectorRequestsInput } from "./schemas";

/**
 * A bin's captured requests, newest first, each checked against the chosen endpoint's scheme and
 * secrets. The secrets stay on the server: only the verdict and its reason leave.
 */
export async function listInspectorRequests({ db, tenantId, encryptionKey, input }: {
  db: Db;
  tenantId: string;
  encryptionKey: Buffer;
  input: ListInspectorRequestsInput;
}): Promise<InspectorRequestDto[]> {
  const { binId, verifyWithEndpointId, limit } = listInspectorRequestsInput.parse(input);
  await requireInspectorBin({ db, tenantId, binId });
  const [rows, signer] = await Promise.all([
    db.inspectorRequest.findMany({
      where: { binId, bin: { tenantId } },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: limit,
    }),
    verifyWithEndpointId ? loadEndpointSigner({ db, tenantId, endpointId: verifyWithEndpointId, encryptionKey }) : null,
  ]);
  return rows.map((row) => {
    const request = { method: row.method, path: row.path, headers: headerMap(row.headers), body: row.body, receivedAt: row.receivedAt };
    return { id: row.id, ...request, signature: signer ? checkCapturedSignature(request, signer) : null };
  });
}
