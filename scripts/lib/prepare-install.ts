import type { Env } from "../../src/server/env-loader.ts";
import { openDatabase } from "../../src/server/db/client.ts";
import { log } from "../../src/server/logging/logger.ts";
import { DemoPasswordInProductionError, findDemoPasswordAccount } from "../../src/server/tenants/find-demo-password-account.ts";
import { deployMigrations } from "./deploy-migrations.ts";
import { seedEmbeddedInstall, type DemoAccess } from "./seed-embedded-install.ts";

/**
 * What `npm start` does to the database before serving: migrations in embedded mode (PostgreSQL expects
 * `npm run db:deploy`), the demo tenants and their operator only where they belong (embedded mode, or
 * HOOKLINE_SEED_DEMO=1), and, on PostgreSQL without that variable, a refusal while the demo operator
 * still has its published password (an install seeded by an older Hookline, or by hand).
 */
export async function prepareInstall({ env, publicOrigin, seed = true }: { env: Env; publicOrigin: string; seed?: boolean }): Promise<DemoAccess | null> {
  if (env.database.kind === "pglite") {
    const applied = await deployMigrations(`pglite:${env.database.dir}`);
    if (applied.length) log.info({ component: "start-up", migrations: applied }, "applied migrations");
  }
  if (env.seedDemo) return seed ? seedEmbeddedInstall({ env, publicOrigin }) : null;
  const db = await openDatabase(env.database);
  try {
    const email = await findDemoPasswordAccount({ db: db.prisma });
    if (email) throw new DemoPasswordInProductionError(email);
  } finally {
    await db.close();
  }
  return null;
}
