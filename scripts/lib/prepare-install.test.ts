/**
 * Finding: `npm start` seeded demo@hookline.dev / hookline-demo (an operator, password in the README) on
 * PostgreSQL too. The demo is now seeded in embedded mode only unless HOOKLINE_SEED_DEMO=1, and a
 * PostgreSQL install still holding that account with that password does not start.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { freePort } from "@/lib/free-port";
import { loadEnv } from "@/server/env-loader";
import { openDatabase } from "@/server/db/client";
import { hashPassword } from "@/server/auth/password";
import { DEMO_CREDENTIALS, seedDemoTenant } from "@/server/tenants/seed-demo-tenant";
import { DemoPasswordInProductionError } from "@/server/tenants/find-demo-password-account";
import { prepareInstall } from "./prepare-install";

const ROOT = path.resolve(import.meta.dirname, "../..");
const secrets = { HOOKLINE_ENCRYPTION_KEY: process.env.HOOKLINE_ENCRYPTION_KEY!, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET! };

/** `npm start` as a person runs it, against the given environment; resolves with its exit code and output. */
function npmStart(extraEnv: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions", "react-server", "scripts/start.ts", "--port", String(extraEnv.PORT)], {
      cwd: ROOT,
      env: { ...process.env, ...extraEnv },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    // a start that got past the check would go on to build and serve: stop it, the test has failed anyway
    const timer = setTimeout(() => child.kill("SIGTERM"), 90_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.runIf(process.env.DATABASE_URL)("npm start on PostgreSQL", () => {
  let database: TestDatabase;
  const env = () => loadEnv({ ...secrets, DATABASE_URL: database.url! });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("seeds no demo account unless asked", async () => {
    expect(await prepareInstall({ env: env(), publicOrigin: "http://hookline.test" })).toBeNull();
    expect(await database.prisma.user.count()).toBe(0);
    expect(await database.prisma.tenant.count()).toBe(0);
  });

  it("refuses to start, with a clear message and a non-zero exit, while the demo operator keeps its published password", async () => {
    // an install seeded by an earlier Hookline
    await seedDemoTenant({ db: database.prisma });
    await expect(prepareInstall({ env: env(), publicOrigin: "http://hookline.test" })).rejects.toBeInstanceOf(DemoPasswordInProductionError);

    const { code, output } = await npmStart({ DATABASE_URL: database.url!, PORT: String(await freePort()) });
    expect(code).toBe(1);
    expect(output).toContain(`refuses to start: the account ${DEMO_CREDENTIALS.email} still has the published demo password`);
    expect(output).not.toContain("building the app");
  });

  it("starts once that password is changed, and seeds the demo when HOOKLINE_SEED_DEMO=1 asks for it", async () => {
    await expect(prepareInstall({ env: loadEnv({ ...secrets, DATABASE_URL: database.url!, HOOKLINE_SEED_DEMO: "1" }), publicOrigin: "http://hookline.test" })).resolves.toMatchObject({
      email: DEMO_CREDENTIALS.email,
    });
    await database.prisma.user.update({ where: { email: DEMO_CREDENTIALS.email }, data: { passwordHash: await hashPassword("a password nobody published") } });
    await expect(prepareInstall({ env: env(), publicOrigin: "http://hookline.test" })).resolves.toBeNull();
  });
});

describe("npm start in embedded mode", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hookline-install-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("migrates and seeds the demo tenant and its operator, whose password it prints", async () => {
    const env = loadEnv({ HOOKLINE_DATA_DIR: dataDir });
    const demo = await prepareInstall({ env, publicOrigin: "http://hookline.test" });
    expect(demo).toMatchObject({ email: DEMO_CREDENTIALS.email, password: DEMO_CREDENTIALS.password });
    const db = await openDatabase(env.database);
    try {
      expect(await db.prisma.user.findUnique({ where: { email: DEMO_CREDENTIALS.email }, select: { isOperator: true } })).toEqual({ isOperator: true });
    } finally {
      await db.close();
    }
  });
});
