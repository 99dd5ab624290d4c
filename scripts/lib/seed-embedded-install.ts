import fs from "node:fs";
import path from "node:path";
import type { Env } from "../../src/server/env-loader.ts";
import { ensureApiKey } from "../../src/server/api-keys/ensure-api-key.ts";
import { openDatabase } from "../../src/server/db/client.ts";
import { DEMO_CREDENTIALS, seedDemoTenant } from "../../src/server/tenants/seed-demo-tenant.ts";
import { seedDemoData } from "../../src/server/tenants/seed-demo-data.ts";

export type DemoAccess = { email: string; password: string; apiKey?: string };

/** Seeds the demo tenant (and, in embedded mode, what a newcomer needs to try the API at once). */
export async function seedEmbeddedInstall({ env, publicOrigin }: { env: Env; publicOrigin: string }): Promise<DemoAccess> {
  const db = await openDatabase(env.database);
  try {
    const { tenant } = await seedDemoTenant({ db: db.prisma });
    // deliveries of the demo messages start once the server (and its executor) is up
    await seedDemoData({ db: db.prisma, tenantId: tenant.id, publicUrl: publicOrigin, encryptionKey: env.encryptionKey });
    const apiKey = env.database.kind === "pglite" ? await ensureDemoApiKey(db.prisma, tenant.id, env.dataDir) : undefined;
    return { email: DEMO_CREDENTIALS.email, password: DEMO_CREDENTIALS.password, apiKey };
  } finally {
    await db.close();
  }
}

/**
 * The demo tenant's API key, the same on every start: kept in clear beside the embedded database (whose
 * directory already holds the local secrets), while the database keeps only its hash.
 */
async function ensureDemoApiKey(db: Parameters<typeof ensureApiKey>[0]["db"], tenantId: string, dataDir: string): Promise<string> {
  const file = path.join(dataDir, "demo-api-key");
  const remembered = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : undefined;
  const { key } = await ensureApiKey({ db, tenantId, rememberedKey: remembered, input: { name: "Demo key (printed at start)" } });
  if (key !== remembered) fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
