/**
 * Bench figure (g), the framework's floor: a minimal Next.js app — the same Next.js the app uses, one route
 * handler answering a small JSON body, nothing else — built and served with `next start`, loaded at 32 in flight.
 * No publish served by Next.js can beat it, so the publish figures are also given as a ratio to it.
 *
 * The app is generated under .data/bench/next-floor and its build reused while the Next.js version is unchanged.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Agent, request } from "undici";
import { closedLoop, sleep, type LoadResult } from "./load.ts";
import { freePort, ROOT, stopChild } from "./processes.ts";

const DIR = path.join(ROOT, ".data/bench/next-floor");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "next-floor", private: true, type: "module" }, null, 2),
  // node_modules is a link to the repository's: the file-system root contains both
  "next.config.mjs": 'export default { turbopack: { root: "/" }, outputFileTracingRoot: "/" };\n',
  "app/api/floor/route.js": [
    'export const dynamic = "force-dynamic";',
    "",
    "export function GET() {",
    "  return Response.json({ ok: true });",
    "}",
    "",
  ].join("\n"),
};

function nextVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/next/package.json"), "utf8")) as { version: string }).version;
}

async function build(log: fs.WriteStream, onBuild: () => void): Promise<void> {
  const fingerprint = `${nextVersion()}\n${JSON.stringify(FILES)}`;
  const stamp = path.join(DIR, ".fingerprint");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === fingerprint && fs.existsSync(path.join(DIR, ".next/BUILD_ID"))) return;
  onBuild();
  fs.rmSync(DIR, { recursive: true, force: true });
  for (const [file, content] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(DIR, file)), { recursive: true });
    fs.writeFileSync(path.join(DIR, file), content);
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(DIR, "node_modules"), "dir");
  const child = spawn(process.execPath, [NEXT_BIN, "build"], {
    cwd: DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: "", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const code = await new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`next build of the minimal app failed (exit ${code}); see ${log.path}`);
  fs.writeFileSync(stamp, fingerprint);
}

export async function measureFrameworkFloor(options: { durationMs: number; concurrency: number; log: fs.WriteStream; onBuild: () => void }): Promise<LoadResult> {
  await build(options.log, options.onBuild);
  const port = await freePort();
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: DIR,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(options.log, { end: false });
  child.stderr!.pipe(options.log, { end: false });
  const url = `http://127.0.0.1:${port}/api/floor`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the minimal app exited with ${child.exitCode}; see ${options.log.path}`);
      if (Date.now() > deadline) throw new Error(`the minimal app did not answer in 60 s; see ${options.log.path}`);
      try {
        const res = await request(url);
        await res.body.dump();
        if (res.statusCode === 200) break;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    const agent = new Agent({ connections: options.concurrency, keepAliveTimeout: 30_000 });
    const send = async () => {
      const res = await request(url, { dispatcher: agent });
      await res.body.dump();
      return res.statusCode === 200;
    };
    await closedLoop({ concurrency: options.concurrency, durationMs: 1_000, send }); // warm-up
    const result = await closedLoop({ concurrency: options.concurrency, durationMs: options.durationMs, send });
    await agent.close();
    return result;
  } finally {
    await stopChild(child, 10_000);
  }
}
