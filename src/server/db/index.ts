import "server-only";
import { env } from "@/server/env";
import { openDatabase, type DatabaseHandle, type Db } from "./client";

export type { Db } from "./client";

// The promise lives on globalThis: Next evaluates modules separately for instrumentation, route handlers
// and server components, and two PGlite instances on one directory would corrupt it.
const g = globalThis as unknown as { __hooklineDb?: Promise<DatabaseHandle> };

export async function getDb(): Promise<Db> {
  g.__hooklineDb ??= openDatabase(env().database);
  return (await g.__hooklineDb).prisma;
}

/** Closes the database cleanly; PGlite otherwise replays its WAL on the next start. */
export async function closeDb(): Promise<void> {
  const handle = g.__hooklineDb;
  g.__hooklineDb = undefined;
  if (handle) await (await handle).close();
}
