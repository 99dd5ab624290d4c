/**
 * `npm run apikey -- --tenant <slug> [--name <name>] [--scopes read,write,publish]`
 * Creates an API key for a tenant and prints it alone on the last line, so scripts can take it with
 * `tail -n 1`. The key is shown only here: the database keeps its SHA-256.
 *
 * Embedded mode (no DATABASE_URL) opens the PGlite directory itself: stop the app first, PGlite allows
 * one process per directory.
 */
import { parseArgs } from "node:util";
import { openDatabase } from "../src/server/db/client.ts";
import { loadEnv } from "../src/server/env-loader.ts";
import { createApiKey } from "../src/server/api-keys/create-api-key.ts";
import { apiKeyScopes, type ApiKeyScope } from "../src/server/api-keys/schemas.ts";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values: args } = parseArgs({
  options: {
    tenant: { type: "string" },
    name: { type: "string", default: "CLI key" },
    scopes: { type: "string", default: apiKeyScopes.join(",") },
  },
});
if (!args.tenant) fail(`usage: npm run apikey -- --tenant <slug> [--name <name>] [--scopes ${apiKeyScopes.join(",")}]`);

const env = loadEnv(process.env);
const database = await openDatabase(env.database);
try {
  const tenant = await database.prisma.tenant.findUnique({ where: { slug: args.tenant } });
  if (!tenant) fail(`No tenant with slug "${args.tenant}"`);
  const scopes = args.scopes.split(",").map((scope) => scope.trim()).filter(Boolean);
  const unknown = scopes.filter((scope) => !(apiKeyScopes as readonly string[]).includes(scope));
  if (unknown.length || scopes.length === 0) fail(`Unknown scope ${unknown.join(", ") || "(none given)"}; choose from ${apiKeyScopes.join(", ")}`);
  const { apiKey, key } = await createApiKey({
    db: database.prisma,
    tenantId: tenant.id,
    input: { name: args.name, scopes: scopes as ApiKeyScope[] },
  });
  console.log(`API key "${apiKey.name}" for ${tenant.name} (${tenant.slug}), scopes ${apiKey.scopes.join(", ")}.`);
  console.log("Shown once; store it now. Use it as: Authorization: Bearer <key>");
  console.log(key);
} finally {
  await database.close();
}
