// `npm run db:seed`: the demo tenant and user, on whichever database the environment names.
import { loadEnv } from "../src/server/env-loader.ts";
import { seedEmbeddedInstall } from "../scripts/lib/seed-embedded-install.ts";

const env = loadEnv(process.env);
const demo = await seedEmbeddedInstall({ env, publicOrigin: env.publicUrl });
console.log(`Demo user: ${demo.email} / ${demo.password}`);
