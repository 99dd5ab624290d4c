import { randomUUID } from "node:crypto";
import { z, ZodError } from "zod";
import { AppError, appErrorStatus, type AppErrorCode } from "@/server/errors";
import { formatIssues } from "@/server/endpoints/validation";
import { log } from "@/server/logging/logger";

const restLog = log.child({ component: "rest" });

export const restErrorCodes = [...(Object.keys(appErrorStatus) as AppErrorCode[]), "METHOD_NOT_ALLOWED", "INTERNAL", "UNAVAILABLE"] as const;
export type RestErrorCode = (typeof restErrorCodes)[number];

/** The one error shape of the REST API. */
export const restErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(restErrorCodes),
      message: z.string().describe("What went wrong, for a person reading it"),
      details: z
        .unknown()
        .optional()
        .describe("Machine-readable context; validation errors carry issues: [{path, message}]"),
    }),
  })
  .meta({
    id: "Error",
    example: {
      error: {
        code: "UNPROCESSABLE",
        message: "Invalid input: url: must be an absolute URL such as https://example.com/webhooks",
        details: { issues: [{ path: "url", message: "must be an absolute URL such as https://example.com/webhooks" }] },
      },
    },
  });
export type RestErrorBody = z.infer<typeof restErrorSchema>;

export function errorBody(code: RestErrorCode, message: string, details?: unknown): RestErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export function errorJson(status: number, body: RestErrorBody, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}

/** Seconds a client should wait before retrying while the database or the Inngest server is away. */
export const TRANSIENT_RETRY_AFTER_SECONDS = 2;

/** Connection-level failure codes: Node sockets, pg's SQLSTATE class 08 and the server going away (57P0x). */
const TRANSIENT_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT",
  "08000", "08001", "08003", "08004", "08006", "57P01", "57P02", "57P03", "53300",
  // Prisma: cannot reach the server, timed out, closed the connection; timed out waiting for a pooled connection
  "P1001", "P1002", "P1008", "P1017", "P2024",
]);
/** What Prisma's driver adapters call a connection that is not there (DriverAdapterError's cause.kind). */
const TRANSIENT_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const TRANSIENT_MESSAGE = new RegExp(
  [
    "Can't reach database server",
    "Connection terminated",
    "timeout exceeded when trying to connect",
    "Server has closed the connection",
    "the database system is (?:starting up|shutting down|in recovery mode)",
    "terminating connection due to administrator command",
    "Client has encountered a connection error",
    "Unable to start a transaction in the given time",
    // inngest.send against an Inngest server that does not answer
    "Failed to send event",
    "fetch failed",
  ].join("|"),
  "i",
);

/**
 * A failure of the database or the Inngest server being away rather than of the request or of Hookline:
 * the same request is expected to work once it is back. Looks through `cause` chains, since Prisma, pg,
 * undici and the Inngest SDK each wrap the socket error their own way.
 */
export function isTransientFault(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 8; depth++) {
    const { code, kind, message, cause } = current as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    if (typeof kind === "string" && TRANSIENT_ADAPTER_KINDS.has(kind)) return true;
    if (typeof message === "string" && TRANSIENT_MESSAGE.test(message)) return true;
    if (current instanceof AggregateError && current.errors.some(isTransientFault)) return true;
    current = cause;
  }
  return false;
}

/**
 * Maps anything a handler throws to the REST error shape, once: validation → 422, domain errors → their
 * status, the database or the Inngest server away → 503 with Retry-After (a client retries it; a 500 it
 * could not tell from a bug), anything else → an opaque 500 whose reference is in the server log next to
 * the real cause.
 */
export function errorResponse(error: unknown, request: { method: string; url: string }): Response {
  if (error instanceof ZodError) {
    const issues = formatIssues(error.issues);
    const first = issues[0];
    const summary = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "invalid input";
    return errorJson(422, errorBody("UNPROCESSABLE", `Invalid input: ${summary}`, { issues }));
  }
  if (error instanceof AppError) {
    return errorJson(appErrorStatus[error.code], errorBody(error.code, error.message, error.details));
  }
  const path = new URL(request.url).pathname;
  if (isTransientFault(error)) {
    restLog.warn({ method: request.method, path, status: 503, cause: error instanceof Error ? error.message.split("\n")[0] : String(error) }, "a dependency is unreachable");
    return errorJson(
      503,
      errorBody("UNAVAILABLE", `Hookline cannot reach its database or job server right now; retry in ${TRANSIENT_RETRY_AFTER_SECONDS} s`, {
        retry_after_seconds: TRANSIENT_RETRY_AFTER_SECONDS,
      }),
      { "Retry-After": String(TRANSIENT_RETRY_AFTER_SECONDS) },
    );
  }
  const reference = randomUUID();
  restLog.error({ method: request.method, path, status: 500, reference, err: error }, "request failed");
  return errorJson(500, errorBody("INTERNAL", `Something went wrong on our side (reference ${reference})`, { reference }));
}

/** An unknown API path or one a caller may not know of: the API's JSON 404, never the app's HTML page. */
export function noSuchRoute(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorJson(404, errorBody("NOT_FOUND", `No route ${request.method} ${pathname}; GET /api/v2/openapi.json lists the routes`));
}
