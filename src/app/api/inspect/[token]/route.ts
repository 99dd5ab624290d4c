import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordInspectorRequest } from "@/server/inspector/record-inspector-request";
import { readCappedBody } from "@/server/inspector/read-capped-body";
import { INSPECTOR_MAX_BODY_BYTES } from "@/server/inspector/schemas";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

function json(status: number, body: unknown) {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

// ANY /api/inspect/{token} — records the request in the tenant's inspector bin (public: the token is the key)
async function capture(request: Request, { params }: Params) {
  const { token } = await params;
  const body = await readCappedBody(request, INSPECTOR_MAX_BODY_BYTES);
  if (body === null) {
    return json(413, { error: { code: "PAYLOAD_TOO_LARGE", message: `Bodies over ${INSPECTOR_MAX_BODY_BYTES} bytes are not recorded` } });
  }
  const url = new URL(request.url);
  try {
    const recorded = await recordInspectorRequest({
      db: await getDb(),
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
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      return json(404, { error: { code: "NOT_FOUND", message: "No inspector bin at this URL" } });
    }
    throw error;
  }
}

export const GET = capture;
export const POST = capture;
export const PUT = capture;
export const PATCH = capture;
export const DELETE = capture;
export const OPTIONS = capture;
