/**
 * `npm run apikey` and `npm run operator` as a user runs them, in their own processes, next to a running app
 * process (the pipeline fixture, which starts the admin channel as the server's instrumentation does) or
 * with the app stopped; each new key is tried at once over HTTP against the running app.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestTenant } from "@/test/fixtures";
import { appSecrets, createSharedDatabase, startPipelineApp, type AppProcess, type SharedDatabase } from "@/reliability/support";
import { adminChannelFiles } from "./admin-channel-files";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const embedded = !process.env.DATABASE_URL;
/** each test starts app and CLI processes (tsx compiles each on start): slow on a loaded machine */
const PROCESSES_TIMEOUT_MS = 300_000;

let database: SharedDatabase;
let app: AppProcess | undefined;
const secrets = appSecrets();
/** the environment the user's shell has: the app's data directory, or the PostgreSQL URL and its secrets */
let userEnv: Record<string, string>;

beforeEach(async () => {
  database = await createSharedDatabase();
  userEnv = database.target.startsWith("pglite:")
    ? { HOOKLINE_DATA_DIR: database.target.slice("pglite:".length), DATABASE_URL: "" }
    : { DATABASE_URL: database.target, ...secrets };
});

afterEach(async () => {
  await app?.kill("SIGTERM");
  app = undefined;
  await database.close();
});

async function seedTenant() {
  const handle = await database.open();
  try {
    const { tenant, user } = await createTestTenant(handle.prisma, "Admin Channel Inc");
    return { slug: tenant.slug, email: user.email };
  } finally {
    await handle.close();
  }
}

function runCli(script: "create-api-key" | "make-operator", args: string[]) {
  const child = spawn(process.execPath, ["--conditions", "react-server", "--import", "tsx", path.join(ROOT, "scripts", `${script}.ts`), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...userEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise<{ code: number | null; stdout: string; stderr: string; lastLine: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr, lastLine: stdout.trim().split("\n").at(-1) ?? "" })),
  );
}

/** 404 for a message nobody published means the key authenticated; a rejected key gets 401. */
async function statusWithKey(origin: string, key: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${origin}/api/v2/messages/00000000-0000-4000-8000-000000000000`, {
    headers: { authorization: `Bearer ${key}`, ...headers },
  });
  return response.status;
}

function ask(socketPath: string, line: string) {
  return new Promise<string>((resolve, reject) => {
    let reply = "";
    const socket = net.connect(socketPath, () => socket.write(`${line}\n`));
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (reply += chunk));
    socket.on("end", () => resolve(reply));
    socket.on("error", reject);
  });
}

describe.runIf(embedded)("admin commands in embedded mode", () => {
  it("creates a key and an operator through the running app, and the key works at once", async () => {
    const { slug, email } = await seedTenant();
    app = await startPipelineApp(database, secrets);
    const files = adminChannelFiles(userEnv.HOOKLINE_DATA_DIR!);
    expect(fs.statSync(files.socket).mode & 0o777).toBe(0o600);
    expect(fs.statSync(files.token).mode & 0o777).toBe(0o600);

    const apikey = await runCli("create-api-key", ["--tenant", slug, "--scopes", "read"]);
    expect(apikey.stderr).toBe("");
    expect(apikey.code).toBe(0);
    expect(apikey.stdout).toContain(`for Admin Channel Inc (${slug}), scopes read.`);
    expect(await statusWithKey(app.origin, apikey.lastLine)).toBe(404);
    expect(await statusWithKey(app.origin, `${apikey.lastLine}x`)).toBe(401);

    const operator = await runCli("make-operator", ["--email", email]);
    expect(operator).toMatchObject({ code: 0, stdout: `${email} is now an operator: the console is at /operator\n` });
    const unknownUser = await runCli("make-operator", ["--email", "nobody@example.test"]);
    expect(unknownUser).toMatchObject({ code: 1, stderr: "User nobody@example.test not found\n" });
    const unknownTenant = await runCli("create-api-key", ["--tenant", "no-such-tenant"]);
    expect(unknownTenant).toMatchObject({ code: 1, stderr: 'Tenant "no-such-tenant" not found\n' });

    const wrongToken = JSON.parse(await ask(files.socket, JSON.stringify({ token: "guess", command: { command: "make-operator", email, operator: false } })));
    expect(wrongToken).toMatchObject({ ok: false, error: { code: "UNAUTHORIZED" } });
    expect(JSON.parse(await ask(files.socket, "not json"))).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });

    await app.kill("SIGTERM");
    app = undefined;
    expect(fs.existsSync(files.socket)).toBe(false);
    expect(fs.existsSync(files.token)).toBe(false);
    const handle = await database.open();
    try {
      expect(await handle.prisma.user.findUnique({ where: { email } })).toMatchObject({ isOperator: true });
      expect(await handle.prisma.apiKey.count({ where: { tenant: { slug } } })).toBe(1);
    } finally {
      await handle.close();
    }
  }, PROCESSES_TIMEOUT_MS);

  it("opens the database itself with the app stopped, even after a crash left the socket behind", async () => {
    const { slug, email } = await seedTenant();
    app = await startPipelineApp(database, secrets);
    await app.kill("SIGKILL");
    app = undefined;
    expect(fs.existsSync(adminChannelFiles(userEnv.HOOKLINE_DATA_DIR!).socket)).toBe(true);

    const apikey = await runCli("create-api-key", ["--tenant", slug]);
    expect(apikey.code).toBe(0);
    expect(apikey.stdout).toContain("scopes read, write, publish.");
    const operator = await runCli("make-operator", ["--email", email]);
    expect(operator.code).toBe(0);

    app = await startPipelineApp(database, secrets);
    expect(await statusWithKey(app.origin, apikey.lastLine)).toBe(404);
  }, PROCESSES_TIMEOUT_MS);
});

describe.runIf(!embedded)("admin commands in PostgreSQL mode", () => {
  it("opens the database itself while the app runs, and the key works at once", async () => {
    const { slug, email } = await seedTenant();
    app = await startPipelineApp(database, secrets);

    const apikey = await runCli("create-api-key", ["--tenant", slug]);
    expect(apikey.stderr).toBe("");
    expect(apikey.code).toBe(0);
    expect(await statusWithKey(app.origin, apikey.lastLine)).toBe(404);
    const platform = await runCli("create-api-key", ["--operator", "--scopes", "read"]);
    expect(platform.code).toBe(0);
    expect(await statusWithKey(app.origin, platform.lastLine, { "hookline-tenant": slug })).toBe(404);
    const operator = await runCli("make-operator", ["--email", email]);
    expect(operator).toMatchObject({ code: 0, stdout: `${email} is now an operator: the console is at /operator\n` });
  }, PROCESSES_TIMEOUT_MS);
});
