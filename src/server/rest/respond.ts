import { notFound } from "@/server/errors";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that cannot name a row is a 404, like another tenant's id. */
export function requireId(value: string | undefined, what: string): string {
  if (!value || !uuidPattern.test(value)) throw notFound(what);
  return value;
}

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(data, { status, headers });
}
