// `npm run db:seed`: the demo tenants and their operator — embedded mode, or PostgreSQL with HOOKLINE_SEED_DEMO=1.
import { loadEnv } from "../src/server/env-loader.ts";
import { seedEmbeddedInstall } from "../scripts/lib/seed-embedded-install.ts";

const env = loadEnv(process.env);
if (!env.seedDemo) {
  console.error("The demo operator's password is published in the README: set HOOKLINE_SEED_DEMO=1 to seed it on PostgreSQL anyway.");
  process.exit(1);
}
const demo = await seedEmbeddedInstall({ env, publicOrigin: env.publicUrl });
console.log(`Demo user: ${demo.email} / ${demo.password}`);
