import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle, type Db } from "@/server/db/client";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

function migrationScripts(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => fs.readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8"));
}

export type TestDatabase = DatabaseHandle & { url?: string };

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the PostgreSQL
 * server named by DATABASE_URL (dropped again on close). Migration SQL is applied as written.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ kind: "pglite-memory" });
    for (const script of migrationScripts()) await handle.executeScript!(script);
    return handle;
  }
  const name = `hookline_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const migrator = new pg.Client({ connectionString: url.toString() });
  await migrator.connect();
  for (const script of migrationScripts()) await migrator.query(script);
  await migrator.end();
  const handle = await openDatabase({ kind: "postgres", url: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await dropDatabase(serverUrl, name);
    },
  };
}

/** SQLSTATEs DROP DATABASE … WITH (FORCE) raises while an autovacuum worker (which a role without
 * pg_signal_backend may not terminate) or a closing connection still holds the database. */
const DATABASE_BUSY = new Set(["42501", "55006"]);

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const dropper = new pg.Client({ connectionString: serverUrl });
  await dropper.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!code || !DATABASE_BUSY.has(code) || attempt === 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    await dropper.end();
  }
}

/** `db` counting the statements Prisma sends through it (each model query or raw query is one). */
export function countingStatements(db: Db): { db: Db; count: () => number; reset: () => void } {
  let statements = 0;
  const counting = db.$extends({
    query: {
      async $allOperations({ args, query }) {
        statements++;
        return query(args);
      },
    },
  }) as unknown as Db;
  return { db: counting, count: () => statements, reset: () => (statements = 0) };
}
