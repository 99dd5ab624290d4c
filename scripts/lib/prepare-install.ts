import type { Env } from "../../src/server/env-loader.ts";
import { openDatabase } from "../../src/server/db/client.ts";
import { DEMO_CREDENTIALS } from "../../src/server/tenants/seed-demo-tenant.ts";
import { findDemoPasswordAccount } from "../../src/server/tenants/find-demo-password-account.ts";
import { deployMigrations } from "./deploy-migrations.ts";
import { seedEmbeddedInstall, type DemoAccess } from "./seed-embedded-install.ts";

export class DemoPasswordInProductionError extends Error {
  constructor(email: string) {
    super(
      [
        `Hookline refuses to start: the account ${email} still has the published demo password "${DEMO_CREDENTIALS.password}",`,
        "and it is an operator. On a PostgreSQL install that is anyone's way in. Either delete that account",
        `(psql: DELETE FROM users WHERE email = '${email}';) or, if this install is a demo on purpose, start`,
        "it with HOOKLINE_SEED_DEMO=1.",
      ].join("\n"),
    );
    this.name = "DemoPasswordInProductionError";
  }
}

/**
 * What `npm start` does to the database before serving: migrations in embedded mode (PostgreSQL expects
 * `npm run db:deploy`), the demo tenants and their operator only where they belong (embedded mode, or
 * HOOKLINE_SEED_DEMO=1), and, on PostgreSQL without that variable, a refusal while the demo operator
 * still has its published password (an install seeded by an older Hookline, or by hand).
 */
export async function prepareInstall({ env, publicOrigin, seed = true }: { env: Env; publicOrigin: string; seed?: boolean }): Promise<DemoAccess | null> {
  if (env.database.kind === "pglite") {
    const applied = await deployMigrations(`pglite:${env.database.dir}`);
    if (applied.length) console.log(`[hookline] applied migrations: ${applied.join(", ")}`);
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
