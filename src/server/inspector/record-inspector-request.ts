import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { INSPECTOR_REQUESTS_PER_BIN } from "./schemas";

// A browser that opens a capture URL on the portal's own origin sends its session cookie; storing it
// would put a live credential in the database for anyone reading the bin.
const redactedHeaders = new Set(["cookie"]);

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
  const stored = Object.fromEntries(
    entries.map(([name, value]) => [name.toLowerCase(), redactedHeaders.has(name.toLowerCase()) ? "[redacted]" : value]),
  );
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
