/**
 * `npm run member -- --tenant <slug> --email <email> --role owner|admin|developer|viewer`
 * Puts an existing account into a tenant with a role, or changes the role it has there: the install's
 * operator helping a team by hand (a person signs up first; the tenant's admins manage roles afterwards on
 * the Members page).
 *
 * Works with the app running or stopped: in embedded mode a running server makes the change for it (over
 * the admin channel in the data directory), as PGlite allows one process per directory.
 */
import { parseArgs } from "node:util";
import { loadEnv } from "../src/server/env-loader.ts";
import { sendAdminCommand } from "../src/server/admin-channel/send-admin-command.ts";
import { tenantRoles } from "../src/server/access/permissions.ts";

const { values: args } = parseArgs({ options: { tenant: { type: "string" }, email: { type: "string" }, role: { type: "string" } } });
if (!args.tenant || !args.email || !tenantRoles.includes(args.role as never)) {
  console.error(`usage: npm run member -- --tenant <slug> --email <email> --role ${[...tenantRoles].reverse().join("|")}`);
  process.exit(1);
}

const response = await sendAdminCommand({
  env: loadEnv(process.env),
  command: { command: "add-member", tenantSlug: args.tenant, email: args.email, role: args.role as (typeof tenantRoles)[number] },
});
if (!response.ok) {
  console.error(response.error.message);
  process.exit(1);
}
if (response.result.command === "add-member") {
  const { email, role, tenant } = response.result;
  console.log(`${email} is now ${role === "admin" || role === "owner" ? "an" : "a"} ${role} of ${tenant.name} (${tenant.slug})`);
}
