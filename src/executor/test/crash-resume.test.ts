/**
 * Crash-resume: an app + executor process is SIGKILLed while runs sleep and while a step is in flight; a new
 * process on the same database finishes every run. Completed steps never re-run; the in-flight step re-runs once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, expect, it } from "vitest";
import { request } from "undici";
import { openDatabase } from "@/server/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { generateCredentials } from "../signing";

const FIXTURE = path.join(import.meta.dirname, "fixtures/crash-app.ts");
const MIGRATIONS = path.resolve(import.meta.dirname, "../../../prisma/migrations");

let workDir: string;
let database: string;
let postgres: TestDatabase | undefined;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "executor-crash-"));
  if (process.env.DATABASE_URL) {
    postgres = await createTestDatabase();
    database = postgres.url!;
    return;
  }
  // a PGlite directory only one process may open at a time: migrate it here, then hand it to the children
  const dir = path.join(workDir, "pglite");
  const handle = await openDatabase({ kind: "pglite", dir });
  for (const name of fs.readdirSync(MIGRATIONS).filter((entry) => !entry.endsWith(".toml")).sort()) {
    await handle.executeScript!(fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
  }
  await handle.close();
  database = `pglite:${dir}`;
});

afterAll(async () => {
  await postgres?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

type Line = Record<string, unknown>;

function startApp(env: Record<string, string>): { child: ChildProcess; next: (predicate: (line: Line) => boolean) => Promise<Line> } {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
    cwd: path.resolve(import.meta.dirname, "../../.."),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: Line[] = [];
  const waiters: (() => void)[] = [];
  readline.createInterface({ input: child.stdout! }).on("line", (text) => {
    try {
      lines.push(JSON.parse(text) as Line);
      waiters.splice(0).forEach((wake) => wake());
    } catch {
      // not one of the fixture's status lines
    }
  });
  const next = (predicate: (line: Line) => boolean) =>
    new Promise<Line>((resolve, reject) => {
      const check = () => {
        const found = lines.find(predicate);
        if (found) resolve(found);
        else if (child.exitCode !== null) reject(new Error(`fixture exited with ${child.exitCode}`));
        else waiters.push(check);
      };
      child.once("exit", check);
      check();
    });
  return { child, next };
}

function journal(file: string): string[] {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
}

async function until(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it("resumes sleeping and in-flight runs after SIGKILL without re-running completed steps", async () => {
  const journalFile = path.join(workDir, "journal.txt");
  const credentials = generateCredentials();
  const env = {
    CRASH_DATABASE: database,
    CRASH_JOURNAL: journalFile,
    CRASH_SIGNING_KEY: credentials.signingKey,
    CRASH_EVENT_KEY: credentials.eventKey,
  };

  const first = startApp(env);
  const ready = await first.next((line) => line.ready === true);
  const sleepers = ["s1", "s2", "s3"];
  const slowOnes = ["w1", "w2"];
  const events = [
    ...sleepers.map((key) => ({ name: "crash/sleepy", data: { key } })),
    ...slowOnes.map((key) => ({ name: "crash/slow", data: { key } })),
  ];
  const sent = await request(`${ready.origin}/e/${credentials.eventKey}`, { method: "POST", body: JSON.stringify(events) });
  expect(sent.statusCode).toBe(200);
  await sent.body.dump();

  // kill once every sleeper is asleep (its first step stored, not merely run) and every slow run is inside its long step
  const has = (key: string, what: string) => journal(journalFile).includes(`${key} ${what}`);
  await Promise.all(sleepers.map((key) => first.next((line) => line.asleep === key)));
  await until(() => slowOnes.every((key) => has(key, "long-start")), 15_000, "slow runs to start their long step");
  first.child.kill("SIGKILL");
  await new Promise((resolve) => first.child.once("exit", resolve));
  // the first process never ends its long steps (fixtures/crash-app.ts): both were in flight
  expect(slowOnes.filter((key) => has(key, "long-end"))).toEqual([]);

  const second = startApp({ ...env, CRASH_EXPECT_RUNS: String(events.length) });
  const done = await second.next((line) => line.done === true);
  await new Promise((resolve) => second.child.once("exit", resolve));

  const runs = done.runs as { status: string }[];
  expect(runs).toHaveLength(events.length);
  expect(runs.every((run) => run.status === "completed")).toBe(true);

  const lines = journal(journalFile);
  const times = (key: string, what: string) => lines.filter((line) => line === `${key} ${what}`).length;
  for (const key of sleepers) {
    expect([times(key, "before"), times(key, "after")]).toEqual([1, 1]);
  }
  for (const key of slowOnes) {
    expect(times(key, "first")).toBe(1);
    // in flight when killed: it runs again exactly once after the lease expires
    expect(times(key, "long-start")).toBe(2);
    expect(times(key, "long-end")).toBe(1);
    expect(times(key, "last")).toBe(1);
  }
}, 60_000);
