import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { tenantQuotas } from "@/server/quotas/tenant-quotas";
import { noteUnknownInspectorToken } from "./admit-inspector-capture";
import { INSPECTOR_REQUESTS_PER_BIN } from "./schemas";

// A browser that opens a capture URL on the portal's own origin sends its session cookie, and an endpoint
// pointed at a bin sends its receiver credentials: stored, they would be live credentials for anyone reading
// the bin. Header names that look like credentials are masked; Hookline's own signature headers are kept,
// since the inspector checks them against the endpoint's secret.
const credentialHeaderName = /^(cookie|authorization|proxy-authorization)$|api[-_]?key|auth|token|secret|passw|session|credential/;
const signatureHeaderNames = new Set(["webhook-signature", "x-signature", "x-aw-signature", "x-webhook-token"]);

function storedHeaderValue(name: string, value: string): string {
  if (signatureHeaderNames.has(name) || !credentialHeaderName.test(name)) return value;
  // the scheme alone (Basic, Bearer) still tells the tenant which credentials arrived
  const scheme = name.endsWith("authorization") ? /^[A-Za-z][\w.+-]*(?= )/.exec(value)?.[0] : undefined;
  return scheme ? `${scheme} [redacted]` : "[redacted]";
}

export type RecordInspectorRequestOptions = {
  db: Db;
  /** the bin's token, from the capture URL: the route is public, the token is the only key */
  token: string;
  method: string;
  /** path and query exactly as received, which the aw scheme signs */
  path: string;
  headers: Headers | Record<string, string>;
  /** the raw body; the route enforces the size cap before reading it whole */
  body: string;
};

/**
 * Stores one captured request, then drops the bin's oldest beyond the per-bin limit and the tenant's oldest
 * beyond its inspector storage quota (bytes of path, headers and body across all its bins), so a flood of
 * captures costs the tenant its history, never the database its space.
 */
export async function recordInspectorRequest({ db, token, method, path, headers, body }: RecordInspectorRequestOptions) {
  const bin = await db.inspectorBin.findUnique({ where: { token }, select: { id: true, tenantId: true } });
  if (!bin) {
    noteUnknownInspectorToken(token);
    throw notFound("Inspector bin");
  }
  const storageQuota = tenantQuotas().inspectorBytes;
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  const stored = Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), storedHeaderValue(name.toLowerCase(), value)]));
  return db.$transaction(async (tx) => {
    const request = await tx.inspectorRequest.create({
      data: { binId: bin.id, method: method.toUpperCase(), path, headers: stored, body },
      select: { id: true, receivedAt: true },
    });
    const overflow = await tx.inspectorRequest.findMany({
      where: { binId: bin.id },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      skip: INSPECTOR_REQUESTS_PER_BIN,
      select: { id: true },
    });
    if (overflow.length) await tx.inspectorRequest.deleteMany({ where: { id: { in: overflow.map((r) => r.id) } } });
    await tx.$executeRaw`
      DELETE FROM inspector_requests WHERE id IN (
        SELECT id FROM (
          SELECT r.id, sum(octet_length(r.path) + octet_length(r.headers::text) + octet_length(r.body))
                         OVER (ORDER BY r.received_at DESC, r.id DESC) AS newer_bytes
          FROM inspector_requests r JOIN inspector_bins b ON b.id = r.bin_id
          WHERE b.tenant_id = ${bin.tenantId}::uuid
        ) kept WHERE kept.newer_bytes > ${storageQuota}
      )`;
    return { id: request.id, binId: bin.id, receivedAt: request.receivedAt };
  });
}
