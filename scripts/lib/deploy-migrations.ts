import path from "node:path";
import { listMigrations, NO_FILTER, openSchemaEngine } from "./schema-engine.ts";
import { makeAdapter } from "./migration-adapters.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Applies pending migrations with Prisma's schema engine (what `prisma migrate deploy` does). */
export async function deployMigrations(databaseUrl: string): Promise<string[]> {
  const db = await makeAdapter(databaseUrl);
  const engine = await openSchemaEngine({ schemaPath: path.join(ROOT, "prisma/schema.prisma"), adapterFactory: db.factory });
  try {
    const out = await engine.applyMigrations({
      migrationsList: listMigrations(path.join(ROOT, "prisma/migrations")),
      filters: NO_FILTER,
    });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
    await db.close();
  }
}
