import { z } from "zod";
import { AppError } from "@/server/errors";

/**
 * Every cursor is the position's time in epoch milliseconds and its id; every string of this shape names a
 * position (a page may be empty), and any other is refused with a 400. The OpenAPI document states it as the
 * pattern, so a client or a fuzzer knows exactly which cursors exist without knowing what they mean.
 */
const CURSOR_PATTERN = /^([0-9]{1,15})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A list route's `cursor` parameter: an opaque token issued by the previous page. */
export const cursorSchema = z
  .string()
  .min(1)
  .max(200)
  .meta({ pattern: CURSOR_PATTERN.source, description: "Opaque: the next_cursor (or links.next) of the previous page" });

export type KeysetPosition = { createdAt: Date; id: string };

// Keyset pagination on (created_at, id), newest first: stable while rows are added, and every part of a
// cursor a client sends back is checked before it reaches a query.
export function encodeCursor(row: KeysetPosition): string {
  return `${row.createdAt.getTime()}_${row.id.toLowerCase()}`;
}

export function decodeCursor(cursor: string): KeysetPosition {
  const match = CURSOR_PATTERN.exec(cursor);
  if (!match) throw new AppError("BAD_REQUEST", "The cursor is not valid; use next_cursor from a previous page");
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
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
