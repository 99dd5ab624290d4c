import "server-only";
import { TRPCError } from "@trpc/server";
import { getErrorShape, getHTTPStatusCodeFromError, transformTRPCResponse } from "@trpc/server/unstable-core-do-not-import";
import { readCappedBytes } from "@/lib/read-capped-bytes";
import { AppError } from "@/server/errors";
import { MAX_BODY_BYTES } from "@/server/rest/body";
import { appRouter } from "./root";

/** Calls one HTTP request may batch: the portal batches a page's few queries; a thousand sign-ups is an attack. */
export const MAX_BATCH_SIZE = 10;

/** tRPC's own error answer, so the portal's client shows the message like any procedure's error. */
function refusal(error: TRPCError): Response {
  const config = appRouter._def._config;
  const shape = getErrorShape({ config, error, type: "unknown", path: undefined, input: undefined, ctx: undefined });
  return Response.json(transformTRPCResponse(config, { error: shape }), { status: getHTTPStatusCodeFromError(error) });
}

function isJson(request: Request): boolean {
  return request.headers.get("content-type")?.split(";", 1)[0]?.trim().toLowerCase() === "application/json";
}

/**
 * What tRPC must never see: a POST (every mutation) that is not JSON — an HTML form on another site can
 * send form encodings and text/plain without a preflight, and tRPC would accept the first two — and a
 * body over 1 MiB (REST's bound, which also bounds the payloads of publish and test-send), refused by its
 * Content-Length or once that many bytes have streamed in. Returns the request to serve, with its body
 * read, or the refusal.
 */
export async function admitTrpcRequest(request: Request): Promise<Request | Response> {
  if (request.method !== "POST") return request;
  if (!isJson(request)) {
    return refusal(new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "Send tRPC calls as Content-Type: application/json" }));
  }
  const body = await readCappedBytes(request, MAX_BODY_BYTES);
  if (body === null) {
    const cause = new AppError("PAYLOAD_TOO_LARGE", `The request body exceeds ${MAX_BODY_BYTES} bytes (1 MiB)`, { limit_bytes: MAX_BODY_BYTES });
    return refusal(new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: cause.message, cause }));
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body: new Uint8Array(body), signal: request.signal });
}

/** `Retry-After` on a throttled answer (a RATE_LIMITED domain error carries its wait). */
export function retryAfterHeader(errors: TRPCError[]): Record<string, string> {
  const waits = errors
    .map((error) => (error.cause instanceof AppError && error.cause.code === "RATE_LIMITED" ? (error.cause.details as { retry_after_seconds?: number }) : undefined))
    .map((details) => details?.retry_after_seconds)
    .filter((seconds): seconds is number => typeof seconds === "number");
  return waits.length ? { "Retry-After": String(Math.max(...waits)) } : {};
}
