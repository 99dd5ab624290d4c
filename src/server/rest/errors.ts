import { randomUUID } from "node:crypto";
import { z, ZodError } from "zod";
import { AppError, appErrorStatus, type AppErrorCode } from "@/server/errors";
import { formatIssues } from "@/server/endpoints/validation";

export const restErrorCodes = [...(Object.keys(appErrorStatus) as AppErrorCode[]), "METHOD_NOT_ALLOWED", "INTERNAL"] as const;
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

/**
 * Maps anything a handler throws to the REST error shape, once: validation → 422, domain errors → their
 * status, anything else → an opaque 500 whose reference is in the server log next to the real cause.
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
  const reference = randomUUID();
  const path = new URL(request.url).pathname;
  console.error(`[rest] ${request.method} ${path} failed (reference ${reference})`, error);
  return errorJson(500, errorBody("INTERNAL", `Something went wrong on our side (reference ${reference})`, { reference }));
}

/** An unknown API path or one a caller may not know of: the API's JSON 404, never the app's HTML page. */
export function noSuchRoute(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorJson(404, errorBody("NOT_FOUND", `No route ${request.method} ${pathname}; GET /api/v2/openapi.json lists the routes`));
}
