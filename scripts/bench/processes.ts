/**
 * The bench's child processes: the receiver, and the app as `npm start` runs it (scripts/start.ts → next start,
 * embedded executor inside the server process; on PostgreSQL a web and a worker process). Each is stopped by its own pid, never by name.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { request } from "undici";
import { sleep } from "./load.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");

import { executorEnvironment, generateCredentials } from "../../src/executor/signing.ts";
import { freePort } from "../../src/lib/free-port.ts";

export { freePort };

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** SIGTERM, then SIGKILL after `graceMs`: only this child's pid. */
export async function stopChild(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const done = await Promise.race([exited(child).then(() => true), sleep(graceMs).then(() => false)]);
  if (!done) {
    child.kill("SIGKILL");
    await exited(child);
  }
}

export type ReceiverProcess = { origin: string; child: ChildProcess; stop(): Promise<void> };

export async function startReceiverProcess(): Promise<ReceiverProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "receiver.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, child, stop: () => stopChild(child, 5_000) };
}

/** The pids of a process's children (Linux /proc), to find the Next server under scripts/start.ts. */
export function childPids(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** A process and every process under it (Linux /proc): the app's whole process tree. */
export function descendantPids(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...childPids(all[i]!));
  return all;
}

/** Resident set size of a process in bytes (Linux), or NaN once it is gone. */
export function rssBytes(pid: number): number {
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system) a process has used so far (Linux), or NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // fields[11] = utime, fields[12] = stime (after the comm field), in clock ticks (100/s on Linux)
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

export type AppProcess = {
  origin: string;
  child: ChildProcess;
  /** the server processes: Next's (where the executor runs too, in one process) and, split, the worker's */
  serverPids: number[];
  /** every process of the app, for CPU accounting and the SIGKILL fault */
  pids(): number[];
  /** where each process serves `/api/metrics` (its own counters): the web's origin and, split, the worker's */
  metricsOrigins: string[];
  stop(): Promise<void>;
};

const SNAPSHOT_FILES = ["src", "public", "package.json", "tsconfig.json", "postcss.config.mjs", "next-env.d.ts"];

function snapshotFingerprint(): string {
  const hash = createHash("sha1");
  const visit = (relative: string) => {
    const absolute = path.join(ROOT, relative);
    if (!fs.existsSync(absolute)) return;
    const stat = fs.statSync(absolute);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(absolute).sort()) visit(path.join(relative, name));
    } else {
      hash.update(`${relative}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  for (const entry of [...SNAPSHOT_FILES, "next.config.mjs"]) visit(entry);
  return hash.digest("hex");
}

/**
 * A production build of the working tree as it is now, in its own directory (<tmp>/hookline-bench-build-<tree>): other
 * people's edits and builds of the shared `.next` during a run cannot change what is measured, and the
 * bench never rebuilds `.next` under them. Reused while the sources are unchanged. Type errors do not stop
 * this build (`next build` in CI checks types); everything else is the app's own next.config.mjs.
 */
export async function prepareBuild(log: fs.WriteStream, onBuild: () => void): Promise<string> {
  // outside the repository, so the type checker and linter of the repository never see the copy
  // one per working tree: benches of other checkouts on the same machine do not rebuild it under this one
  const dir = path.join(os.tmpdir(), `hookline-bench-build-${createHash("sha1").update(ROOT).digest("hex").slice(0, 8)}`);
  const fingerprint = snapshotFingerprint();
  const stamp = path.join(dir, ".fingerprint");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === fingerprint && fs.existsSync(path.join(dir, ".next/BUILD_ID"))) return dir;
  onBuild();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of SNAPSHOT_FILES) {
    const from = path.join(ROOT, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, entry), { recursive: true, filter: (source) => !source.endsWith(".test.ts") });
  }
  fs.copyFileSync(path.join(ROOT, "next.config.mjs"), path.join(dir, "next.config.app.mjs"));
  fs.writeFileSync(
    path.join(dir, "next.config.mjs"),
    [
      'import app from "./next.config.app.mjs";',
      // node_modules is a link to the repository's: the file-system root contains both
      'export default { ...app, turbopack: { ...app.turbopack, root: "/" }, outputFileTracingRoot: "/", typescript: { ...app.typescript, ignoreBuildErrors: true } };',
      "",
    ].join("\n"),
  );
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: dir,
    // built as `npm start` builds: embedded defaults (the mode is chosen when the server starts)
    env: { ...process.env, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: "", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const code = await new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`next build failed (exit ${code}); see ${log.path}`);
  fs.writeFileSync(stamp, fingerprint);
  return dir;
}

/**
 * The server `npm start` runs (next start, the embedded executor inside it; scripts/start.ts's environment:
 * PORT, NEXTAUTH_URL, NEXT_MANUAL_SIG_HANDLE) from the bench's build, on a database the bench migrated and
 * seeded itself. Resolves once /api/health answers. `nodeArgs` are the server's node flags (e.g. --cpu-prof).
 */
async function waitHealthy(origin: string, child: ChildProcess, log: fs.WriteStream) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}; see ${log.path}`);
    if (Date.now() > deadline) {
      await stopChild(child, 5_000);
      throw new Error(`${origin} did not become healthy in 120 s; see ${log.path}`);
    }
    try {
      const res = await request(`${origin}/api/health`);
      await res.body.dump();
      if (res.statusCode === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
}

/**
 * The app as `npm start` runs it: one process embedded; with `split` (PostgreSQL), a web process (scripts/web.ts,
 * HOOKLINE_ROLE=web) and a worker (scripts/worker.ts) whose embedded executor takes the web's events — or
 * `workers` of them, each with its executor, sharing the queue in the database (the web sends to the first's intake).
 */
export async function startApp(options: {
  buildDir: string;
  port: number;
  env: Record<string, string>;
  log: fs.WriteStream;
  nodeArgs?: string[];
  split?: boolean;
  workers?: number;
  /** production's other topology: the workers are called by this Inngest server instead of their embedded executors */
  inngestServer?: InngestServer;
}): Promise<AppProcess> {
  const origin = `http://127.0.0.1:${options.port}`;
  const baseEnv = { ...process.env, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1", ...options.env };
  const workers: ChildProcess[] = [];
  const workerOrigins: string[] = [];
  let roleEnv: Record<string, string> = {};
  if (options.split) {
    const credentials = generateCredentials();
    for (let i = 0; i < (options.workers ?? 1); i++) {
      const workerPort = await freePort();
      const workerOrigin = `http://127.0.0.1:${workerPort}`;
      const executor = options.inngestServer
        ? { ...options.inngestServer.appEnv, INNGEST_SERVE_ORIGIN: workerOrigin }
        : executorEnvironment({ origin: `http://127.0.0.1:${await freePort()}`, ...credentials });
      if (i === 0) roleEnv = { ...(options.inngestServer?.appEnv ?? executor), HOOKLINE_ROLE: "web" };
      const worker = spawn(process.execPath, [...(options.nodeArgs ?? []), "--conditions", "react-server", "--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
        cwd: ROOT,
        env: { ...baseEnv, ...executor, HOOKLINE_ROLE: "worker", HOOKLINE_WORKER_PORT: String(workerPort), NODE_OPTIONS: "" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      worker.stdout!.pipe(options.log, { end: false });
      worker.stderr!.pipe(options.log, { end: false });
      workers.push(worker);
      workerOrigins.push(workerOrigin);
      await waitHealthy(workerOrigin, worker, options.log);
      if (options.inngestServer) await options.inngestServer.sync(workerOrigin);
    }
  }
  // the web server as npm start runs it (scripts/web.ts), serving the snapshot's build
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--conditions", "react-server", "--import", "tsx", path.join(ROOT, "scripts/web.ts"), "--host", "127.0.0.1", "--port", String(options.port)], {
    cwd: options.buildDir,
    env: {
      ...baseEnv,
      PORT: String(options.port),
      NEXTAUTH_URL: `http://localhost:${options.port}`,
      ...roleEnv,
      NODE_OPTIONS: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(options.log, { end: false });
  child.stderr!.pipe(options.log, { end: false });
  try {
    await waitHealthy(origin, child, options.log);
  } catch (error) {
    for (const worker of workers) await stopChild(worker, 5_000);
    throw error;
  }
  const children = [child, ...workers];
  return {
    origin,
    child,
    serverPids: children.map((c) => deepestDescendant(c.pid!)),
    pids: () => children.flatMap((c) => descendantPids(c.pid!)),
    metricsOrigins: [origin, ...workerOrigins],
    // the servers close their database on SIGTERM (the web server's instrumentation, the worker's own handler) and exit
    stop: async () => {
      await stopChild(child, 30_000);
      for (const worker of workers) await stopChild(worker, 30_000);
    },
  };
}

function deepestDescendant(pid: number): number {
  let current = pid;
  for (let depth = 0; depth < 5; depth++) {
    const children = childPids(current);
    if (!children.length) break;
    current = children[children.length - 1]!;
  }
  return current;
}

/** A self-hosted Inngest server (`inngest start`), and the INNGEST_* variables an app uses to reach it. */
export type InngestServer = {
  origin: string;
  appEnv: Record<string, string>;
  child: ChildProcess;
  /** registers a worker's functions with the server, as `inngest start -u` or Cloud's "Sync app" does */
  sync(workerOrigin: string): Promise<void>;
  stop(): Promise<void>;
};

/**
 * `<binary> start` on a free port of 127.0.0.1, with fresh keys and its state under `dataDir` (SQLite and its
 * in-memory queue unless `extraArgs` name Redis and PostgreSQL). The bench never downloads or builds it.
 */
export async function startInngestServer(options: { binary: string; dataDir: string; extraArgs: string[]; log: fs.WriteStream }): Promise<InngestServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const signingKey = randomBytes(32).toString("hex");
  const eventKey = randomBytes(16).toString("hex");
  fs.mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(
    options.binary,
    ["start", "--host", "127.0.0.1", "--port", String(port), "--signing-key", signingKey, "--event-key", eventKey, "--sqlite-dir", options.dataDir, ...options.extraArgs],
    { cwd: options.dataDir, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.pipe(options.log, { end: false });
  child.stderr!.pipe(options.log, { end: false });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the Inngest server exited with ${child.exitCode}; see ${options.log.path}`);
    if (Date.now() > deadline) {
      await stopChild(child, 5_000);
      throw new Error(`the Inngest server did not answer on ${origin} in 60 s; see ${options.log.path}`);
    }
    const answered = await request(`${origin}/health`).then(
      async (res) => (await res.body.dump(), res.statusCode === 200),
      () => false,
    );
    if (answered) break;
    await sleep(250);
  }
  return {
    origin,
    appEnv: { INNGEST_BASE_URL: origin, INNGEST_SIGNING_KEY: `signkey-prod-${signingKey}`, INNGEST_EVENT_KEY: eventKey },
    child,
    async sync(workerOrigin) {
      const res = await request(`${workerOrigin}/api/inngest`, { method: "PUT" });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`syncing ${workerOrigin}/api/inngest with the Inngest server: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
    },
    stop: () => stopChild(child, 10_000),
  };
}
