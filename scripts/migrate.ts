/**
 * `prisma migrate`, driven by Prisma's own schema engine compiled to WebAssembly (the native engine
 * cannot be downloaded on locked-down machines; see README § Database).
 *
 *   tsx scripts/migrate.ts create <name>   ~ prisma migrate dev --create-only --name <name>
 *   tsx scripts/migrate.ts deploy          ~ prisma migrate deploy
 *   tsx scripts/migrate.ts status          ~ prisma migrate status
 *   tsx scripts/migrate.ts drift           ~ drift check (exit 2 on drift / missing migration)
 *   tsx scripts/migrate.ts sql             ~ prisma migrate diff --from-empty --to-schema --script
 *
 * Target: DATABASE_URL (PostgreSQL), or the embedded PGlite directory when it is unset.
 */
import path from "node:path";
import {
  openSchemaEngine,
  listMigrations,
  writeMigration,
  ensureLockfile,
  schemaFiles,
  NO_FILTER,
} from "./lib/schema-engine.ts";
import { makeAdapter, databaseUrl } from "./lib/migration-adapters.ts";

/** Prisma's directory naming: UTC yyyyMMddHHmmss + "_" + sanitized name. */
function migrationDirName(name: string): string {
  const ts = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `${ts}_${name.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 200)}`;
}

const SCHEMA = path.resolve("prisma/schema.prisma");
const MIGRATIONS = path.resolve("prisma/migrations");

async function main() {
  const [cmd, arg] = process.argv.slice(2);
  const db = await makeAdapter();
  const engine = await openSchemaEngine({ schemaPath: SCHEMA, adapterFactory: db.factory });
  let exitCode = 0;
  try {
    switch (cmd) {
      case "create": {
        // engine.createMigration() cannot reach a shadow database through the WASM binding;
        // diff(migrations -> schema) can, and is what `prisma migrate diff --script` does.
        if (!arg) throw new Error("usage: create <name>");
        ensureLockfile(MIGRATIONS, "postgresql"); // diff(from: migrations) requires it
        const list = listMigrations(MIGRATIONS);
        const d = await engine.diff({
          from: { tag: "migrations", ...list },
          to: { tag: "schemaDatamodel", ...schemaFiles(SCHEMA) },
          script: true,
          exitCode: true,
          filters: NO_FILTER,
        });
        const empty = d.exitCode === 0;
        if (empty && !process.argv.includes("--allow-empty")) {
          console.log("No schema changes; no migration created.");
          break;
        }
        const script = empty ? "-- This is an empty migration.\n" : d.stdout ?? "";
        const dir = writeMigration(MIGRATIONS, migrationDirName(arg), script, "sql", "postgresql");
        console.log(`Created ${path.relative(process.cwd(), dir)}/migration.sql`);
        break;
      }
      case "deploy": {
        const out = await engine.applyMigrations({
          migrationsList: listMigrations(MIGRATIONS),
          filters: NO_FILTER,
        });
        console.log(
          out.appliedMigrationNames.length
            ? `Applied: ${out.appliedMigrationNames.join(", ")}`
            : "No pending migrations to apply.",
        );
        break;
      }
      case "status": {
        const out = await engine.diagnoseMigrationHistory({
          migrationsList: listMigrations(MIGRATIONS),
          optInToShadowDatabase: false,
          filters: NO_FILTER,
        });
        console.log(JSON.stringify(out, null, 2));
        if (out.history || out.failedMigrationNames.length || out.editedMigrationNames.length)
          exitCode = 1;
        break;
      }
      case "drift": {
        // 1) live DB vs migration history (uses the shadow DB): what `migrate dev` checks.
        const dev = await engine.devDiagnostic({
          migrationsList: listMigrations(MIGRATIONS),
          filters: NO_FILTER,
        });
        console.log("devDiagnostic:", JSON.stringify(dev.action));
        if (dev.action.tag === "reset") exitCode = 2;
        // 2) migrations dir vs schema.prisma: "schema changed but no migration created".
        const d = await engine.diff({
          from: { tag: "migrations", ...listMigrations(MIGRATIONS) },
          to: { tag: "schemaDatamodel", ...schemaFiles(SCHEMA) },
          script: true,
          exitCode: true,
          filters: NO_FILTER,
        });
        console.log(`migrations -> schema.prisma diff exitCode=${d.exitCode}`);
        if (d.stdout?.trim()) console.log(d.stdout);
        if (d.exitCode === 2) exitCode = 2;
        break;
      }
      case "sql": {
        const d = await engine.diff({
          from: { tag: "empty" },
          to: { tag: "schemaDatamodel", ...schemaFiles(SCHEMA) },
          script: true,
          exitCode: null,
          filters: NO_FILTER,
        });
        process.stdout.write(d.stdout ?? "");
        break;
      }
      default:
        throw new Error(`unknown command ${cmd}`);
    }
  } finally {
    engine.free();
    await db.close();
  }
  process.exitCode = exitCode;
}

main()
  .catch((e) => {
    console.error(`[migrate] ${databaseUrl()}:`, e?.message ?? e);
    process.exitCode = 1;
  })
  // engine.free() does not dispose adapters; pg pool idle timers would keep the process alive.
  .finally(() => process.exit());
