import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
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

/** Stores one captured request and drops the bin's oldest beyond the per-bin limit. */
export async function recordInspectorRequest({ db, token, method, path, headers, body }: RecordInspectorRequestOptions) {
  const bin = await db.inspectorBin.findUnique({ where: { token }, select: { id: true } });
  if (!bin) throw notFound("Inspector bin");
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
    return { id: request.id, binId: bin.id, receivedAt: request.receivedAt };
  });
}
