/**
 * `npm start` / `npm run dev`: Hookline on its embedded defaults with nothing to set up.
 * Applies migrations (embedded PGlite), seeds the demo tenant (embedded only, unless HOOKLINE_SEED_DEMO=1),
 * builds when needed, starts the web server (scripts/web.ts: Next.js behind a Node server) and prints where to sign in. With DATABASE_URL set it expects
 * `npm run db:deploy` to have run, and refuses to start while the demo operator keeps its published password.
 *
 * On PostgreSQL (HOOKLINE_ROLE unset or `all`) it runs two processes, one per core: the web server
 * (HOOKLINE_ROLE=web) and a worker (HOOKLINE_ROLE=worker, scripts/worker.ts) that serves the Inngest functions
 * outside Next.js and runs the embedded executor; the web server sends its events to that executor's intake.
 * The embedded database (PGlite) opens in one process only, so there everything stays in the web server.
 *
 *   --dev          next dev instead of a production build
 *   --port <n>     default $PORT or 3000
 *   --host <addr>  interface to listen on, default $HOST or 127.0.0.1 (the SSRF guard's default follows it)
 *   --no-seed      skip the demo tenant
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { executorEnvironment, generateCredentials } from "../src/executor/signing.ts";
import { loadEnv, type Env } from "../src/server/env-loader.ts";
import { freePort } from "../src/lib/free-port.ts";
import { log } from "../src/server/logging/logger.ts";
import { prepareInstall } from "./lib/prepare-install.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    host: { type: "string", default: process.env.HOST ?? "127.0.0.1" },
    "no-seed": { type: "boolean", default: false },
  },
});

const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

/** Runs the Next.js CLI directly (no npx layer) so signals reach the server process itself. */
function runNext(commandArgs: string[], extraEnv: Record<string, string> = {}) {
  return spawn(process.execPath, [NEXT_BIN, ...commandArgs], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv } });
}

/** A script of ours under the same tsx loader that runs this one. */
function runScript(script: string, scriptArgs: string[], env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, ["--conditions", "react-server", "--import", "tsx", path.join(ROOT, "scripts", script), ...scriptArgs], { cwd: ROOT, stdio: "inherit", env });
}

/**
 * The INNGEST_* variables of the worker's embedded executor, for both processes: the worker's executor listens
 * with them, the web server sends its events to it. Empty when an Inngest server is configured.
 */
async function splitExecutorEnvironment(env: Env): Promise<Record<string, string>> {
  if (env.execution !== "embedded") return {};
  return executorEnvironment({ origin: `http://127.0.0.1:${await freePort()}`, ...generateCredentials() });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return newestMtime(path.join(ROOT, "src")) > built || fs.statSync(path.join(ROOT, "package.json")).mtimeMs > built;
}

async function waitForHealthy(origin: string, child: ReturnType<typeof spawn>) {
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main() {
  const env = loadEnv(process.env);
  // the origin people and webhook bodies use; the demo endpoints point at this origin's own inspector
  const publicOrigin = (process.env.HOOKLINE_PUBLIC_URL ?? process.env.NEXTAUTH_URL ?? `http://localhost:${args.port}`).replace(/\/$/, "");

  const demo = await prepareInstall({ env, publicOrigin, seed: !args["no-seed"] });

  if (!args.dev && buildIsStale()) {
    log.info("building the app (first start or changed sources)…");
    const build = runNext(["build"]);
    const code = await new Promise<number>((resolve) => build.on("exit", (c) => resolve(c ?? 1)));
    if (code !== 0) process.exit(code);
  }

  const split = env.database.kind === "postgres" && env.role === "all";
  const splitEnv = split ? { ...(await splitExecutorEnvironment(env)), HOST: args.host } : {};
  const worker = split ? runScript("worker.ts", [], { ...process.env, ...splitEnv, HOOKLINE_ROLE: "worker" }) : undefined;
  const serverEnv = {
    ...splitEnv,
    ...(split ? { HOOKLINE_ROLE: "web" } : {}),
    PORT: args.port,
    // the app decides from it whether private destinations are allowed by default (env-loader.ts)
    HOST: args.host,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? publicOrigin,
  };
  // production: the web server (scripts/web.ts), Next.js behind it; development: next dev
  const server = args.dev
    ? runNext(["dev", "-H", args.host, "-p", args.port], { ...serverEnv, NEXT_MANUAL_SIG_HANDLE: "true" })
    : runScript("web.ts", ["--host", args.host, "--port", args.port], { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...serverEnv });
  const children = worker ? [server, worker] : [server];
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => children.forEach((child) => child.kill(signal)));
  // one process gone takes the other down with it: a supervisor then restarts the pair
  let exitCode = 0;
  for (const child of children) {
    child.on("exit", (code) => {
      if (code) exitCode ||= code;
      for (const other of children) if (other !== child && other.exitCode === null && other.signalCode === null) other.kill("SIGTERM");
      if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(exitCode);
    });
  }

  if (await waitForHealthy(`http://127.0.0.1:${args.port}`, server)) {
    const lines = [
      "",
      `  Hookline is running at ${publicOrigin}`,
      ...(demo
        ? [
            `  Sign in as ${demo.email} / ${demo.password} (an operator: the console is at ${publicOrigin}/operator)`,
            ...(demo.apiKey ? [`  Demo API key: ${demo.apiKey}`, `  Try: curl -H "Authorization: Bearer ${demo.apiKey}" ${publicOrigin}/api/v2/events`] : []),
            ...(demo.platformKey
              ? [
                  `  Platform API key: ${demo.platformKey}`,
                  `  Try: curl -H "Authorization: Bearer ${demo.platformKey}" ${publicOrigin}/api/v2/tenants`,
                  `       curl -H "Authorization: Bearer ${demo.platformKey}" -H "Hookline-Tenant: ${demo.secondTenantExternalId}" ${publicOrigin}/api/v2/webhook_endpoint`,
                ]
              : []),
          ]
        : []),
      `  Data: ${env.database.kind === "pglite" ? env.database.dir : "PostgreSQL (DATABASE_URL)"}`,
      ...(worker ? [`  Worker: http://${args.host}:${env.workerPort}/api/inngest (the Inngest functions, outside Next.js)`] : []),
      "",
    ];
    // for the person who ran the command, not a log line: it carries the demo credentials and keys to copy,
    // which Hookline's log lines never contain
    console.log(lines.join("\n"));
  }
}

main().catch((error) => {
  log.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
