/**
 * `npm run operator -- --email <email> [--remove]`
 * Makes an existing user an operator of this install (the product team: the operator console, every
 * tenant), or takes that away. Sign-up never makes operators, so nobody becomes one by signing up first.
 * HOOKLINE_OPERATOR_EMAILS names operators too, without this command.
 *
 * Works with the app running or stopped: in embedded mode a running server makes the change for it (over
 * the admin channel in the data directory), as PGlite allows one process per directory.
 */
import { parseArgs } from "node:util";
import { loadEnv } from "../src/server/env-loader.ts";
import { sendAdminCommand } from "../src/server/admin-channel/send-admin-command.ts";

const { values: args } = parseArgs({ options: { email: { type: "string" }, remove: { type: "boolean", default: false } } });
if (!args.email) {
  console.error("usage: npm run operator -- --email <email> [--remove]");
  process.exit(1);
}

const response = await sendAdminCommand({
  env: loadEnv(process.env),
  command: { command: "make-operator", email: args.email, operator: !args.remove },
});
if (!response.ok) {
  console.error(response.error.message);
  process.exit(1);
}
if (response.result.command === "make-operator") {
  const { email, operator } = response.result;
  console.log(operator ? `${email} is now an operator: the console is at /operator` : `${email} is no longer an operator`);
}
