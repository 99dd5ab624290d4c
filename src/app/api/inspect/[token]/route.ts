import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { clientAddress } from "@/lib/client-address";
import { admitInspectorCapture } from "@/server/inspector/admit-inspector-capture";
import { recordInspectorRequest } from "@/server/inspector/record-inspector-request";
import { readCappedBody } from "@/server/inspector/read-capped-body";
import { INSPECTOR_MAX_BODY_BYTES } from "@/server/inspector/schemas";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

function json(status: number, body: unknown, headers?: Record<string, string>) {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

function refusal(error: unknown): Response {
  if (error instanceof AppError && error.code === "NOT_FOUND") {
    return json(404, { error: { code: "NOT_FOUND", message: "No inspector bin at this URL" } });
  }
  if (error instanceof AppError && error.code === "RATE_LIMITED") {
    const { retryAfterSeconds } = error.details as { retryAfterSeconds: number };
    return json(429, { error: { code: "RATE_LIMITED", message: error.message } }, { "retry-after": String(retryAfterSeconds) });
  }
  throw error;
}

// ANY /api/inspect/{token} — records the request in the tenant's inspector bin (public: the token is the key)
async function capture(request: Request, { params }: Params) {
  const { token } = await params;
  const db = await getDb();
  try {
    // rate limits and unknown tokens are settled before the body is read or a bin looked up
    await admitInspectorCapture({ db, token, address: clientAddress(request.headers) ?? "unknown" });
  } catch (error) {
    return refusal(error);
  }
  const body = await readCappedBody(request, INSPECTOR_MAX_BODY_BYTES);
  if (body === null) {
    return json(413, { error: { code: "PAYLOAD_TOO_LARGE", message: `Bodies over ${INSPECTOR_MAX_BODY_BYTES} bytes are not recorded` } });
  }
  const url = new URL(request.url);
  try {
    const recorded = await recordInspectorRequest({
      db,
      token,
      method: request.method,
      path: `${url.pathname}${url.search}`,
      headers: request.headers,
      body,
    });
    // `?status=503` lets a demo make the receiver fail on purpose and watch the retries
    const wanted = Number(url.searchParams.get("status"));
    const status = Number.isInteger(wanted) && wanted >= 200 && wanted <= 599 ? wanted : 200;
    return json(status, { received: true, id: recorded.id });
  } catch (error) {
    return refusal(error);
  }
}

export const GET = capture;
export const POST = capture;
export const PUT = capture;
export const PATCH = capture;
export const DELETE = capture;
export const OPTIONS = capture;
