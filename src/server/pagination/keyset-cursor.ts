import { AppError } from "@/server/errors";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type KeysetPosition = { createdAt: Date; id: string };

// Keyset pagination on (created_at, id), newest first: stable while rows are added, and every part of a
// cursor a client sends back is checked before it reaches a query.
export function encodeCursor(row: KeysetPosition): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): KeysetPosition {
  const [createdAt, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(createdAt ?? "");
  // only the exact text encodeCursor writes: a date JS accepts may still be outside PostgreSQL's range (a 500)
  const written = !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1970 && date.getUTCFullYear() <= 9999 && date.toISOString() === createdAt;
  if (!id || rest.length > 0 || !uuidPattern.test(id) || !written) {
    throw new AppError("BAD_REQUEST", "The cursor is not valid; use next_cursor from a previous page");
  }
  return { createdAt: date, id };
}

/** The rows after `cursor` in (created_at desc, id desc) order; `{}` on the first page. */
export function afterCursor(
  cursor: string | undefined,
): { OR?: [{ createdAt: { lt: Date } }, { createdAt: Date; id: { lt: string } }] } {
  if (!cursor) return {};
  const after = decodeCursor(cursor);
  return { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] };
}

export const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] as const;
