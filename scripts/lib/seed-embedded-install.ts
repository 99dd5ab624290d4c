import type { Env } from "../../src/server/env-loader.ts";
import { openDatabase } from "../../src/server/db/client.ts";
import { DEMO_CREDENTIALS, seedDemoTenant } from "../../src/server/tenants/seed-demo-tenant.ts";

export type DemoAccess = { email: string; password: string; apiKey?: string };

/** Seeds the demo tenant (and, in embedded mode, what a newcomer needs to try the API at once). */
export async function seedEmbeddedInstall({ env }: { env: Env; publicOrigin: string }): Promise<DemoAccess> {
  const db = await openDatabase(env.database);
  try {
    await seedDemoTenant({ db: db.prisma });
    return { email: DEMO_CREDENTIALS.email, password: DEMO_CREDENTIALS.password };
  } finally {
    await db.close();
  }
}
