import { verifySignature, type SignatureScheme } from "@/server/signing";
import type { SignatureCheckDto } from "./schemas";

export type CapturedRequest = { method: string; path: string; headers: Record<string, string>; body: string; receivedAt: Date };

/**
 * Checks a captured request as the endpoint's receiver would have at the moment it arrived: the
 * timestamp tolerance is measured from `receivedAt`, so a request verified once stays verified.
 */
export function checkCapturedSignature(
  request: CapturedRequest,
  signer: { endpointId: string; endpointUrl: string; scheme: SignatureScheme; secrets: readonly string[] },
): SignatureCheckDto {
  const result = verifySignature({
    scheme: signer.scheme,
    secrets: signer.secrets,
    headers: request.headers,
    body: request.body,
    method: request.method,
    pathAndQuery: request.path,
    now: request.receivedAt,
  });
  return { endpointId: signer.endpointId, endpointUrl: signer.endpointUrl, scheme: signer.scheme, ...result };
}
