import type { Env } from "../../src/server/env-loader.ts";
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
    return { email: DEMO_CREDENTIALS.email, password: DEMO_CREDENTIALS.password };
  } finally {
    await db.close();
  }
}
