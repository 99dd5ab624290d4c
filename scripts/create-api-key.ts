/**
 * `npm run apikey -- --tenant <slug> [--name <name>] [--scopes read,write,publish]`
 * `npm run apikey -- --operator [--name <name>] [--scopes tenants:read,tenants:write,publish,portal-links,read]`
 * Creates an API key for a tenant, or a platform key for the operator, and prints it alone on the last
 * line, so scripts can take it with `tail -n 1`. The key is shown only here: the database keeps its SHA-256.
 *
 * Works with the app running or stopped: in embedded mode a running server creates the key for it (over the
 * admin channel in the data directory), as PGlite allows one process per directory.
 */
import { parseArgs } from "node:util";
import { loadEnv } from "../src/server/env-loader.ts";
import { sendAdminCommand } from "../src/server/admin-channel/send-admin-command.ts";
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

const response = await sendAdminCommand({
  env: loadEnv(process.env),
  command: args.tenant
    ? { command: "create-api-key", tenantSlug: args.tenant, input: { name: args.name, scopes: scopes as ApiKeyScope[] } }
    : { command: "create-platform-api-key", input: { name: args.name, scopes: scopes as PlatformApiKeyScope[] } },
});
if (!response.ok) fail(response.error.message);
const { result } = response;
if (result.command === "create-api-key") {
  console.log(`API key "${result.name}" for ${result.tenant.name} (${result.tenant.slug}), scopes ${result.scopes.join(", ")}.`);
  console.log("Shown once; store it now. Use it as: Authorization: Bearer <key>");
  console.log(result.key);
} else if (result.command === "create-platform-api-key") {
  console.log(`Platform API key "${result.name}", scopes ${result.scopes.join(", ")}.`);
  console.log("Shown once; store it now. Use it as: Authorization: Bearer <key>, with Hookline-Tenant: <tenant> on tenant routes");
  console.log(result.key);
}
