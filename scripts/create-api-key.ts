/**
 * `npm run apikey -- --tenant <slug> [--name <name>] [--scopes read,write,publish]`
 * `npm run apikey -- --operator [--name <name>] [--scopes tenants:read,tenants:write,publish,portal-links,read]`
 * Creates an API key for a tenant, or a platform key for the operator, and prints it alone on the last
 * line, so scripts can take it with `tail -n 1`. The key is shown only here: the database keeps its SHA-256.
 *
 * Embedded mode (no DATABASE_URL) opens the PGlite directory itself: stop the app first, PGlite allows
 * one process per directory.
 */
import { parseArgs } from "node:util";
import { systemActor } from "../src/server/access/caller.ts";
import { openDatabase } from "../src/server/db/client.ts";
import { loadEnv } from "../src/server/env-loader.ts";
import { createApiKey } from "../src/server/api-keys/create-api-key.ts";
import { createPlatformApiKey } from "../src/server/api-keys/create-platform-api-key.ts";
import { apiKeyScopes, platformApiKeyScopes, type ApiKeyScope, type PlatformApiKeyScope } from "../src/server/api-keys/schemas.ts";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values: args } = parseArgs({
  options: {
    tenant: { type: "string" },
    operator: { type: "boolean", default: false },
    name: { type: "string", default: "CLI key" },
    scopes: { type: "string" },
  },
});
if (Boolean(args.tenant) === args.operator) {
  fail(
    `usage: npm run apikey -- --tenant <slug> [--name <name>] [--scopes ${apiKeyScopes.join(",")}]\n` +
      `       npm run apikey -- --operator [--name <name>] [--scopes ${platformApiKeyScopes.join(",")}]`,
  );
}
const allowed: readonly string[] = args.operator ? platformApiKeyScopes : apiKeyScopes;
const scopes = (args.scopes ?? allowed.join(",")).split(",").map((scope) => scope.trim()).filter(Boolean);
const unknown = scopes.filter((scope) => !allowed.includes(scope));
if (unknown.length || scopes.length === 0) fail(`Unknown scope ${unknown.join(", ") || "(none given)"}; choose from ${allowed.join(", ")}`);

const env = loadEnv(process.env);
const database = await openDatabase(env.database);
try {
  const actor = { ...systemActor, label: "npm run apikey" };
  if (args.operator) {
    const { apiKey, key } = await createPlatformApiKey({
      db: database.prisma,
      input: { name: args.name, scopes: scopes as PlatformApiKeyScope[] },
      actor,
    });
    console.log(`Platform API key "${apiKey.name}", scopes ${apiKey.scopes.join(", ")}.`);
    console.log("Shown once; store it now. Use it as: Authorization: Bearer <key>, with Hookline-Tenant: <tenant> on tenant routes");
    console.log(key);
  } else {
    const tenant = await database.prisma.tenant.findUnique({ where: { slug: args.tenant } });
    if (!tenant) fail(`No tenant with slug "${args.tenant}"`);
    const { apiKey, key } = await createApiKey({
      db: database.prisma,
      tenantId: tenant.id,
      input: { name: args.name, scopes: scopes as ApiKeyScope[] },
      actor,
    });
    console.log(`API key "${apiKey.name}" for ${tenant.name} (${tenant.slug}), scopes ${apiKey.scopes.join(", ")}.`);
    console.log("Shown once; store it now. Use it as: Authorization: Bearer <key>");
    console.log(key);
  }
} finally {
  await database.close();
}
