/**
 * Runs/s of the executor for a one-step function, with a backlog of events:
 *
 *   npx tsx src/executor/bench.ts [--runs 2000] [--concurrency 16] [--no-checkpointing]
 *
 * Database: in-memory PGlite, or a fresh database on the PostgreSQL server named by DATABASE_URL.
 * Prints runs/s (wall clock) and CPU ms per run of the executor and app processes (steadier on a shared machine).
 * Figures, each on a fresh database:
 *   in-process        the serve handler (inngest/next) called directly, no sockets
 *   loopback          the serve handler (inngest/node) over HTTP on 127.0.0.1 in the same process — the layout of
 *                     an app server running its own embedded executor
 *   separate process  the app in another process over 127.0.0.1: executor and SDK each get a core
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { serve as serveNext } from "inngest/next";
import { freePort } from "../lib/free-port";
import { createTestDatabase } from "../test/test-database";
import { createExecutor, type Executor } from "./executor";
import { generateCredentials, executorEnvironment } from "./signing";
import { inProcessTransport, type FetchHandler } from "./transport";
import { listenForApp } from "./test/harness";
import { BENCH_EVENT, createBenchApp } from "./test/fixtures/bench-app";
import type { PrismaClient } from "../generated/prisma/client";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "16" },
    "no-checkpointing": { type: "boolean", default: false },
  },
});
const RUNS = Number(args.runs);
const CONCURRENCY = Number(args.concurrency);
const CHECKPOINTING = !args["no-checkpointing"];
const WARM_UP = 200;
const BATCH = 200;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** Sends `runs` events in batches and waits until that many more runs have completed. */
async function drain(executor: Executor, prisma: PrismaClient, runs: number): Promise<number> {
  const before = await prisma.executorRun.count({ where: { status: "completed" } });
  const started = performance.now();
  for (let sent = 0; sent < runs; sent += BATCH) {
    await executor.sendEvents(Array.from({ length: Math.min(BATCH, runs - sent) }, () => ({ name: BENCH_EVENT, data: {} })));
  }
  for (;;) {
    const done = (await prisma.executorRun.count({ where: { status: "completed" } })) - before;
    if (done >= runs) return runs / ((performance.now() - started) / 1_000);
    const failed = await prisma.executorRun.count({ where: { status: "failed" } });
    if (failed) throw new Error(`${failed} benchmark runs failed`);
    // coarse polling: counting runs is work for the database too
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `appPid`: the app's own process when it is not this one, so its CPU time counts too. */
type Setup = { executor: Executor; appPid?: number; teardown(): Promise<void> };

/** CPU time (ms) a process has used so far, from /proc (Linux); 0 where unavailable. */
function processCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // utime and stime, in clock ticks of 10 ms
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

async function measure(label: string, setup: (prisma: PrismaClient) => Promise<Setup>): Promise<void> {
  const db = await createTestDatabase();
  const { executor, appPid, teardown } = await setup(db.prisma);
  try {
    await executor.whenReady();
    await drain(executor, db.prisma, WARM_UP);
    const cpuBefore = process.cpuUsage();
    const appCpuBefore = appPid ? processCpuMs(appPid) : 0;
    const rate = await drain(executor, db.prisma, RUNS);
    const cpu = process.cpuUsage(cpuBefore);
    // wall-clock rates swing with whatever else the machine runs; CPU per run does much less
    const cpuMs = (cpu.user + cpu.system) / 1_000 + (appPid ? processCpuMs(appPid) - appCpuBefore : 0);
    console.log(`${label.padEnd(18)} ${rate.toFixed(0).padStart(6)} runs/s   ${(cpuMs / RUNS).toFixed(2).padStart(5)} ms CPU per run (executor + app${process.env.DATABASE_URL ? ", PostgreSQL server not counted" : ""})`);
  } finally {
    await teardown();
    await db.close();
  }
}

function withEnvironment(executor: Executor): void {
  Object.assign(process.env, executor.environment());
}

const inProcess = async (prisma: PrismaClient): Promise<Setup> => {
  const appUrl = "http://127.0.0.1/api/inngest";
  // the executor must exist (and set INNGEST_*) before the app's client: its handlers are bound afterwards
  const handlers: Partial<Record<"POST" | "PUT", FetchHandler>> = {};
  const lazy = (method: "POST" | "PUT"): FetchHandler => (request) => handlers[method]!(request);
  const executor = createExecutor({
    prisma,
    appUrl,
    concurrency: CONCURRENCY,
    checkpointing: CHECKPOINTING,
    logger: silent,
    transport: inProcessTransport({ POST: lazy("POST"), PUT: lazy("PUT") }, appUrl),
  });
  await executor.start();
  withEnvironment(executor);
  const app = createBenchApp();
  const handler = serveNext({ client: app.inngest, functions: app.functions });
  // inngest/next types its handlers for NextRequest; a plain Request carries everything they read
  const call = (method: "POST" | "PUT"): FetchHandler => (request) => handler[method](request as Parameters<typeof handler.POST>[0], undefined);
  handlers.POST = call("POST");
  handlers.PUT = call("PUT");
  return { executor, teardown: () => executor.stop() };
};

const loopback = async (prisma: PrismaClient): Promise<Setup> => {
  const served = await listenForApp();
  const executor = createExecutor({ prisma, appUrl: served.url, concurrency: CONCURRENCY, checkpointing: CHECKPOINTING, logger: silent });
  await executor.start();
  withEnvironment(executor);
  const app = createBenchApp();
  served.bind(app.inngest, app.functions);
  return {
    executor,
    async teardown() {
      await executor.stop();
      await served.close();
    },
  };
};

const separateProcess = async (prisma: PrismaClient): Promise<Setup> => {
  const credentials = generateCredentials();
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "test/fixtures/bench-app.ts")], {
    env: { ...process.env, ...executorEnvironment({ origin: `http://127.0.0.1:${port}`, ...credentials }) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`bench app exited with ${code}`)));
  });
  const executor = createExecutor({ prisma, appUrl: url, port, concurrency: CONCURRENCY, checkpointing: CHECKPOINTING, logger: silent, ...credentials });
  await executor.start();
  return {
    executor,
    appPid: child.pid,
    async teardown() {
      await executor.stop();
      child.kill();
    },
  };
};

console.log(
  `one-step function, ${RUNS} runs after ${WARM_UP} warm-up, concurrency ${CONCURRENCY}, ` +
    `checkpointing ${CHECKPOINTING ? "on" : "off"}, ` +
    `${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite (in-memory)"}`,
);
await measure("in-process", inProcess);
await measure("loopback", loopback);
await measure("separate process", separateProcess);
