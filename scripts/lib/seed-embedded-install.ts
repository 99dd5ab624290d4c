import fs from "node:fs";
import path from "node:path";
import type { Env } from "../../src/server/env-loader.ts";
import { ensureApiKey } from "../../src/server/api-keys/ensure-api-key.ts";
import { openDatabase } from "../../src/server/db/client.ts";
import { DEMO_CREDENTIALS, seedDemoTenant } from "../../src/server/tenants/seed-demo-tenant.ts";
import { seedDemoData } from "../../src/server/tenants/seed-demo-data.ts";

export type DemoAccess = { email: string; password: string; apiKey?: string; platformKey?: string; secondTenantExternalId: string };

/**
 * Seeds the demo tenants and their operator (and, in embedded mode, the keys a newcomer needs to try the
 * API at once: the demo tenant's and the platform's).
 */
export async function seedEmbeddedInstall({ env, publicOrigin }: { env: Env; publicOrigin: string }): Promise<DemoAccess> {
  const db = await openDatabase(env.database);
  try {
    const { tenant, secondTenant } = await seedDemoTenant({ db: db.prisma });
    // deliveries of the demo messages start once the server (and its executor) is up
    for (const { id } of [tenant, secondTenant]) {
      await seedDemoData({ db: db.prisma, tenantId: id, publicUrl: publicOrigin, encryptionKey: env.encryptionKey });
    }
    const embedded = env.database.kind === "pglite";
    return {
      email: DEMO_CREDENTIALS.email,
      password: DEMO_CREDENTIALS.password,
      apiKey: embedded ? await rememberedKey(db.prisma, tenant.id, path.join(env.dataDir, "demo-api-key"), "Demo key (printed at start)") : undefined,
      platformKey: embedded ? await rememberedKey(db.prisma, null, path.join(env.dataDir, "demo-platform-key"), "Demo platform key (printed at start)") : undefined,
      secondTenantExternalId: secondTenant.externalId!,
    };
  } finally {
    await db.close();
  }
}

/**
 * A demo key, the same on every start: kept in clear beside the embedded database (whose directory
 * already holds the local secrets), while the database keeps only its hash.
 */
async function rememberedKey(db: Parameters<typeof ensureApiKey>[0]["db"], tenantId: string | null, file: string, name: string): Promise<string> {
  const remembered = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : undefined;
  const { key } = await ensureApiKey({ db, tenantId, rememberedKey: remembered, name });
  if (key !== remembered) fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
