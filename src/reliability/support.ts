/**
 * Shared plumbing of the reliability suites: the profile (short in CI, long on demand), a database a separate
 * app process can open, that process (fixtures/pipeline-app.ts) started and killed by pid, a counting receiver,
 * and publishing through the real REST route over HTTP.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { Pool } from "undici";
import { executorEnvironment, generateCredentials, type ExecutorEnvironment } from "@/executor/signing";
import { openDatabase, type DatabaseHandle, type Db } from "@/server/db/client";
import type { Role } from "@/server/env-loader";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import type { CreateEndpointInput } from "@/server/endpoints/schemas";
import { createTestTenant } from "@/test/fixtures";
import { freePort } from "@/lib/free-port";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";

/** `HOOKLINE_RELIABILITY=long` runs each suite for minutes instead of seconds. */
export const LONG = process.env.HOOKLINE_RELIABILITY === "long";
export const profile = <T>(short: T, long: T): T => (LONG ? long : short);

const ROOT = path.resolve(import.meta.dirname, "../..");
const MIGRATIONS = path.join(ROOT, "prisma/migrations");
const FIXTURE = path.join(import.meta.dirname, "fixtures/pipeline-app.ts");
const WORKER_FIXTURE = path.join(import.meta.dirname, "fixtures/worker-app.ts");

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs` naming `what`. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export type SharedDatabase = {
  /** what the app process gets as PIPELINE_DATABASE */
  target: string;
  /** opens the database in this process; with PGlite only while no app process has it open */
  open(): Promise<DatabaseHandle>;
  close(): Promise<void>;
};

/**
 * A migrated database another process can open: a fresh PostgreSQL database when DATABASE_URL is set, else a
 * PGlite directory (one process at a time).
 */
export async function createSharedDatabase(): Promise<SharedDatabase> {
  if (process.env.DATABASE_URL) {
    const postgres: TestDatabase = await createTestDatabase();
    // the test keeps its own pool open only while it needs it; the app process gets the URL
    await postgres.prisma.$disconnect();
    return {
      target: postgres.url!,
      open: () => openDatabase({ kind: "postgres", url: postgres.url! }),
      close: () => postgres.close(),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookline-reliability-"));
  const handle = await openDatabase({ kind: "pglite", dir: path.join(dir, "pglite") });
  for (const name of fs.readdirSync(MIGRATIONS).filter((entry) => !entry.endsWith(".toml")).sort()) {
    await handle.executeScript!(fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
  }
  await handle.close();
  return {
    target: `pglite:${dir}`,
    open: () => openDatabase({ kind: "pglite", dir: path.join(dir, "pglite") }),
    close: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Secrets every start of one app shares (what a deployment keeps in its environment). */
export function appSecrets() {
  return {
    HOOKLINE_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(24).toString("base64url"),
  };
}

/** The INNGEST_* variables of a worker's executor on a free port: what `npm start` gives its web and worker process. */
export async function workerExecutorEnvironment(): Promise<ExecutorEnvironment> {
  return executorEnvironment({ origin: `http://127.0.0.1:${await freePort()}`, ...generateCredentials() });
}

export type AppProcess = {
  child: ChildProcess;
  origin: string;
  pid: number;
  /** everything it wrote to stderr so far */
  stderr(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
  stats(): Promise<{ rss: number; heapUsed: number; backlog: number }>;
};

/**
 * Starts the pipeline on `database`; resolves once its executor has synced. `all`: fixtures/pipeline-app.ts,
 * one process with everything. On PostgreSQL the two halves run apart as `npm start` runs them: `web`
 * (pipeline-app.ts without executor, `stats` answered there) and `worker` (fixtures/worker-app.ts), both
 * given the worker executor's INNGEST_* variables in `env` ({@link workerExecutorEnvironment}).
 */
export async function startPipelineApp(database: SharedDatabase, env: Record<string, string>, role: Role = "all"): Promise<AppProcess> {
  const child = spawn(process.execPath, ["--conditions", "react-server", "--import", "tsx", role === "worker" ? WORKER_FIXTURE : FIXTURE], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      HOOKLINE_ROLE: role,
      PIPELINE_DATABASE: database.target,
      HOOKLINE_ALLOW_PRIVATE_NETWORKS: "true",
      HOOKLINE_API_RATE_LIMIT_PER_SECOND: "100000",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    errors += chunk.toString("utf8");
    if (errors.length > 200_000) errors = errors.slice(-100_000);
  });
  const ready = await new Promise<{ origin: string; pid: number }>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      try {
        const parsed = JSON.parse(line) as { ready?: boolean; origin: string; pid: number };
        if (parsed.ready) resolve(parsed);
      } catch {
        // not a status line
      }
    });
    child.once("exit", (code, signal) => reject(new Error(`pipeline app exited (${code ?? signal}) before it was ready:\n${errors.slice(-3_000)}`)));
  });
  const pool = new Pool(ready.origin, { connections: 2 });
  return {
    child,
    origin: ready.origin,
    pid: ready.pid,
    stderr: () => errors,
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill(signal);
      await exited;
      await pool.destroy();
    },
    async stats() {
      const res = await pool.request({ method: "GET", path: "/__stats" });
      return (await res.body.json()) as { rss: number; heapUsed: number; backlog: number };
    },
  };
}

export type Publisher = {
  /** the message id when accepted (202), undefined otherwise (refused, or the connection dropped) */
  publish(eventType: string, payload: unknown): Promise<string | undefined>;
  /** `POST /api/v2/messages/batch`: the message ids in order when accepted (202), undefined otherwise */
  publishBatch(eventType: string, payloads: unknown[]): Promise<string[] | undefined>;
  /** how many answers of each kind: `202`, `503` (with Retry-After and the JSON error), `503 without Retry-After`, `no answer`, … */
  answers(): Record<string, number>;
  close(): Promise<void>;
};

/** How a publish was answered, as `Publisher.answers` counts it. */
function answerKind(status: number, retryAfter: unknown, body: string): string {
  if (status !== 503) return String(status);
  if (typeof retryAfter !== "string" || !/^\d+$/.test(retryAfter)) return "503 without Retry-After";
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code === "UNAVAILABLE" ? "503" : "503 without the JSON error";
  } catch {
    return "503 without the JSON error";
  }
}

export function publisherFor(origin: string, apiKey: string, connections = 8): Publisher {
  const pool = new Pool(origin, { connections });
  const answers: Record<string, number> = {};
  const count = (kind: string) => void (answers[kind] = (answers[kind] ?? 0) + 1);
  /** the answer's body when accepted (202), undefined otherwise */
  const post = async (path: string, body: unknown): Promise<string | undefined> => {
    try {
      const res = await pool.request({
        method: "POST",
        path,
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify(body),
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      const text = await res.body.text();
      count(answerKind(res.statusCode, res.headers["retry-after"], text));
      return res.statusCode === 202 ? text : undefined;
    } catch {
      count("no answer");
      return undefined;
    }
  };
  return {
    answers: () => ({ ...answers }),
    async publish(eventType, payload) {
      const accepted = await post("/api/v2/messages", { event_type: eventType, payload });
      return accepted === undefined ? undefined : (JSON.parse(accepted) as { id: string }).id;
    },
    async publishBatch(eventType, payloads) {
      const accepted = await post("/api/v2/messages/batch", { messages: payloads.map((payload) => ({ event_type: eventType, payload })) });
      return accepted === undefined ? undefined : (JSON.parse(accepted) as { data: { id: string }[] }).data.map((message) => message.id);
    },
    close: () => pool.destroy(),
  };
}

export const riskPayload = (n: number) => ({ RiskAssessmentId: `risk-${n}`, SubmissionId: `sub-${n}`, Risk: "Low", ClientRating: "Retail" });

/**
 * Publishes `rate` requests/s (open loop, at most 64 in flight) until stopped, through whichever publisher
 * `publisherNow` returns (a restarted app has a new origin); keeps the ids acknowledged (202) in order. Each
 * request is one message, or with `batchSize` above 1 a batch of that many (`POST /api/v2/messages/batch`).
 */
export function publishAtRate(rate: number, publisherNow: () => Publisher, batchSize = 1) {
  const acknowledged: string[] = [];
  let refused = 0;
  let stopped = false;
  const loop = (async () => {
    const started = Date.now();
    const inFlight = new Set<Promise<void>>();
    let sent = 0;
    while (!stopped) {
      const due = Math.floor(((Date.now() - started) * rate) / 1000) * batchSize;
      while (sent < due && inFlight.size < 64) {
        const publisher = publisherNow();
        const first = sent;
        sent += batchSize;
        const request =
          batchSize === 1
            ? publisher.publish("RiskAssessmentCalculated", riskPayload(first)).then((id) => id && [id])
            : publisher.publishBatch("RiskAssessmentCalculated", Array.from({ length: batchSize }, (_, i) => riskPayload(first + i)));
        const task = request
          .then((ids) => void (ids ? acknowledged.push(...ids) : (refused += batchSize)))
          .finally(() => inFlight.delete(task));
        inFlight.add(task);
      }
      await sleep(20);
    }
    await Promise.all(inFlight);
  })();
  return {
    acknowledged,
    refused: () => refused,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** Publishes `rate` requests/s (of `batchSize` messages each) until stopped, to whichever app process is up now (a restarted one has a new origin). */
export function publishToCurrentApp(rate: number, origin: () => string, apiKey: string, batchSize = 1) {
  const publishers = new Map<string, Publisher>();
  const load = publishAtRate(
    rate,
    () => {
      let publisher = publishers.get(origin());
      if (!publisher) publishers.set(origin(), (publisher = publisherFor(origin(), apiKey, 8)));
      return publisher;
    },
    batchSize,
  );
  return {
    acknowledged: load.acknowledged,
    refused: load.refused,
    async stop() {
      await load.stop();
      for (const publisher of publishers.values()) await publisher.close();
    },
  };
}

/**
 * A tenant the load can publish for: an API key and its endpoints, sealed with the app process's key (the app
 * runs in another process and must be able to decrypt them).
 */
export async function seedPublisher(db: Db, { secrets, keyName, endpoints }: {
  secrets: ReturnType<typeof appSecrets>; keyName: string; endpoints: CreateEndpointInput[];
}) {
  const encryptionKey = Buffer.from(secrets.HOOKLINE_ENCRYPTION_KEY, "base64");
  const { tenantId } = await createTestTenant(db);
  const apiKey = (await createApiKey({ db, tenantId, input: { name: keyName } })).key;
  const endpointIds: string[] = [];
  for (const input of endpoints) endpointIds.push((await createEndpoint({ db, tenantId, encryptionKey, input })).id);
  return { tenantId, apiKey, endpointIds };
}

/** The message id of a webhook request as the receiver saw it. */
export function messageIdOf(request: { headers: Record<string, string | string[] | undefined> }): string {
  return String(request.headers["x-hookline-message-id"]);
}

/**
 * Exactly once as the suites count it, for every stored message of `eventType` in the tenant (one delivery each):
 * every acknowledged message is stored; each delivery succeeded and reached the receiver; no attempt is recorded
 * that was not sent; attempts are numbered without gaps; at most `kills` requests per delivery were sent but cut
 * off before their recording. Returns what is wrong (empty when nothing) and the repeats seen.
 */
export async function checkDeliveredOnce(db: Db, { tenantId, eventType, acknowledged, received, kills }: {
  tenantId: string; eventType: string; acknowledged: readonly string[]; received: readonly { headers: Record<string, string | string[] | undefined> }[]; kills: number;
}) {
  const messages = await db.message.findMany({
    where: { tenantId, eventType },
    include: { deliveries: { include: { attempts: { orderBy: { number: "asc" } } } } },
  });
  const stored = new Set(messages.map((message) => message.id));
  const receivedPerMessage = new Map<string, number>();
  for (const request of received) receivedPerMessage.set(messageIdOf(request), (receivedPerMessage.get(messageIdOf(request)) ?? 0) + 1);
  const problems: string[] = acknowledged.filter((id) => !stored.has(id)).map((id) => `acknowledged message ${id} is not stored`);
  let duplicates = 0;
  let sentButNotRecorded = 0;
  for (const message of messages) {
    const delivery = message.deliveries[0];
    const requests = receivedPerMessage.get(message.id) ?? 0;
    const attempts = delivery?.attempts ?? [];
    if (message.deliveries.length !== 1 || delivery!.status !== "succeeded") problems.push(`message ${message.id}: delivery ${delivery?.status ?? "missing"}`);
    if (requests < 1) problems.push(`message ${message.id} never reached the receiver`);
    if (attempts.length > requests) problems.push(`message ${message.id}: ${attempts.length} attempts recorded, ${requests} requests received`);
    if (attempts.some((attempt, i) => attempt.number !== i + 1)) problems.push(`message ${message.id}: attempts numbered ${attempts.map((a) => a.number).join(",")}`);
    if (!attempts.at(-1)?.succeeded) problems.push(`message ${message.id}: last attempt did not succeed`);
    if (requests - attempts.length > kills) problems.push(`message ${message.id}: ${requests - attempts.length} requests unrecorded after ${kills} kills`);
    duplicates += Math.max(0, requests - 1);
    sentButNotRecorded += Math.max(0, requests - attempts.length);
  }
  return { problems, stored: messages.length, duplicates, sentButNotRecorded };
}
