/**
 * `npm run operator -- --email <email> [--remove]`
 * Makes an existing user an operator of this install (the product team: the operator console, every
 * tenant), or takes that away. Sign-up never makes operators, so nobody becomes one by signing up first.
 * HOOKLINE_OPERATOR_EMAILS names operators too, without this command.
 *
 * Embedded mode (no DATABASE_URL) opens the PGlite directory itself: stop the app first, PGlite allows
 * one process per directory.
 */
import { parseArgs } from "node:util";
import { openDatabase } from "../src/server/db/client.ts";
import { loadEnv } from "../src/server/env-loader.ts";
import { makeOperator } from "../src/server/operators/make-operator.ts";

const { values: args } = parseArgs({ options: { email: { type: "string" }, remove: { type: "boolean", default: false } } });
if (!args.email) {
  console.error("usage: npm run operator -- --email <email> [--remove]");
  process.exit(1);
}

const env = loadEnv(process.env);
const database = await openDatabase(env.database);
try {
  const { email, operator } = await makeOperator({ db: database.prisma, email: args.email, operator: !args.remove });
  console.log(operator ? `${email} is now an operator: the console is at /operator` : `${email} is no longer an operator`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
