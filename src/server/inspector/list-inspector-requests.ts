import type { Db } from "@/server/db/client";
import { checkCapturedSignature, type CapturedRequest } from "./check-captured-signature";
import { headerMap } from "./dto";
import { loadEndpointSigner, type EndpointSigner } from "./load-endpoint-signer";
import { requireInspectorBin } from "./require-inspector-bin";
import { listInspectorRequestsInput, type InspectorRequestDto, type ListInspectorRequestsInput, type SignatureCheckDto } from "./schemas";

function pathAndQuery(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return undefined;
  }
}

/**
 * A bin's captured requests, newest first, each checked against an endpoint's scheme and secrets: the
 * chosen one, or (auto) the endpoint the request was sent to, recognised by its URL's path and query.
 * The secrets stay on the server: only the verdict and its reason leave.
 */
export async function listInspectorRequests({ db, tenantId, encryptionKey, input }: {
  db: Db;
  tenantId: string;
  encryptionKey: Buffer;
  input: ListInspectorRequestsInput;
}): Promise<InspectorRequestDto[]> {
  const { binId, verifyWith, limit } = listInspectorRequestsInput.parse(input);
  const bin = await requireInspectorBin({ db, tenantId, binId });
  const rows = await db.inspectorRequest.findMany({
    where: { binId, bin: { tenantId } },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  const requests = rows.map((row) => ({
    id: row.id,
    method: row.method,
    path: row.path,
    headers: headerMap(row.headers),
    body: row.body,
    receivedAt: row.receivedAt,
  }));
  if (verifyWith === "none") return requests.map((request) => ({ ...request, signature: null }));

  if (verifyWith !== "auto") {
    const signer = await loadEndpointSigner({ db, tenantId, endpointId: verifyWith, encryptionKey });
    return requests.map((request) => ({ ...request, signature: checkCapturedSignature(request, signer) }));
  }

  const candidates = await db.endpoint.findMany({
    where: { tenantId, deletedAt: null, url: { contains: `/api/inspect/${bin.token}` } },
    orderBy: { createdAt: "desc" },
    select: { id: true, url: true },
  });
  const signers = new Map<string, Promise<EndpointSigner>>();
  const signerFor = (endpointId: string) => {
    let signer = signers.get(endpointId);
    if (!signer) signers.set(endpointId, (signer = loadEndpointSigner({ db, tenantId, endpointId, encryptionKey })));
    return signer;
  };
  // several endpoints may share a URL: the first whose secrets verify wins, else the first one's verdict
  const autoCheck = async (request: CapturedRequest): Promise<SignatureCheckDto | null> => {
    const matching = candidates.filter((endpoint) => pathAndQuery(endpoint.url) === request.path);
    let first: SignatureCheckDto | null = null;
    for (const endpoint of matching) {
      const check = checkCapturedSignature(request, await signerFor(endpoint.id));
      if (check.verified) return check;
      first ??= check;
    }
    return first;
  };
  return Promise.all(requests.map(async (request) => ({ ...request, signature: await autoCheck(request) })));
}
