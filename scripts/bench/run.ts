/**
 * `npm run bench`: Hookline's end-to-end throughput and latency against the raw limit of this machine, in one
 * run, for the embedded install (PGlite) and — when DATABASE_URL is set — PostgreSQL (a fresh database).
 *
 *   npm run bench -- [--duration 60] [--modes embedded,postgres] [--profile] [--rate N] …   (--help)
 *
 * Separate processes: the app exactly as `npm start` runs it (next start, embedded executor inside), a receiver
 * answering 200 at once (scripts/bench/receiver.ts), and this process generating load. 127.0.0.1 only; every
 * phase is bounded in time. Writes bench-results/bench-<time>.json and prints a table.
 */
import { exec } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import pg from "pg";
import { Agent, Pool, request } from "undici";
import { buildWireBody, requireEventType } from "../../src/server/catalog/index.ts";
import { closedLoop, epochNow, Latencies, openLoop, sleep, slope, type LoadResult } from "./load.ts";
import { FANOUT_ENDPOINTS, FANOUT_EVENT, prepareDatabase, STEADY_EVENT, type Mode, type PreparedDatabase } from "./prepare.ts";
import { cpuSeconds, freePort, ROOT, rssBytes, prepareBuild, startApp, startInngestServer, startReceiverProcess, type AppProcess, type ReceiverProcess } from "./processes.ts";
import { summarizeProfile, type ProfileSummary } from "./profile-summary.ts";
import { CostMeter, perDelivery, type Cost, type CostPerDelivery } from "./cost.ts";
import { measureFrameworkFloor } from "./framework-floor.ts";
import { verifyDeliveries, type Verification } from "./verify.ts";

const { values: args } = parseArgs({
  options: {
    help: { type: "boolean", default: false },
    modes: { type: "string" },
    duration: { type: "string", default: "60" },
    probe: { type: "string", default: "10" },
    "latency-duration": { type: "string", default: "15" },
    burst: { type: "string", default: "8" },
    "raw-duration": { type: "string", default: "4" },
    rate: { type: "string" },
    "rate-factor": { type: "string", default: "0.9" },
    "publish-concurrency": { type: "string", default: "32" },
    "api-keys": { type: "string", default: "8" },
    "fanout-runs": { type: "string", default: "3" },
    figures: { type: "string", default: "a,b,c,d,e,f,g,h,i,j,k,l,m" },
    "inngest-binary": { type: "string" },
    "inngest-args": { type: "string", default: "" },
    "postgres-restart": { type: "string" },
    "peer-duration": { type: "string", default: "30" },
    "peer-rate": { type: "string" },
    "scale-workers": { type: "string", default: "2" },
    "batch-size": { type: "string", default: "100" },
    "drain-timeout": { type: "string", default: "120" },
    profile: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    out: { type: "string", default: path.join(ROOT, "bench-results") },
  },
});

if (args.help) {
  console.log(`npm run bench -- [options]
  --modes embedded,postgres   default: embedded, plus postgres when DATABASE_URL is set
  --duration 60               seconds of sustained load for (b)
  --probe 10                  seconds measuring the delivery capacity that sets (b)'s rate
  --rate N                    a fixed publish rate for (b); default: start at rate-factor × probed capacity and
                              steer the rate to hold a small backlog (finds the sustainable rate)
  --rate-factor 0.9
  --latency-duration 15       seconds of (d) at half of (b)'s rate
  --burst 8                   seconds of the publish burst (c)
  --raw-duration 4            seconds of each raw measurement (a)
  --publish-concurrency 32    requests in flight during the burst
  --api-keys 8                keys the load is spread over (the app runs with a per-key limit the load never reaches)
  --fanout-runs 3
  --figures a,b,…,k           the figures to measure (default all; (a) is always measured: every ratio is to it)
                              (g) framework floor: a minimal Next.js app; (h) sustained, batch publishing;
                              (i) fan-out to 1,000 endpoints; (j) issue 20's peer-comparable load;
                              (k) (j)'s load with the app SIGKILLed 12 s in: repeats per message
                              (l) (j)'s load with PostgreSQL restarted 12 s in (needs --postgres-restart)
                              (m) (j) single-message, 10 then 1 endpoint, with a self-hosted Inngest server
                              calling the worker instead of its embedded executor (needs --inngest-binary)
  --peer-duration 30          seconds of each (j) load (1 and 10 endpoints; single-message and batch publishing)
  --peer-rate N               (j) at N messages/s (open loop) instead of 32 in flight: the same work whatever
                              the machine's speed, so figures per delivery compare across runs on a busy machine
  --scale-workers 2           (j) at 10 endpoints again with this many worker processes on PostgreSQL (1: skip)
  --postgres-restart CMD      a shell command restarting the PostgreSQL server DATABASE_URL points at, for (l),
                              e.g. "service postgresql restart" (without it (l) is skipped)
  --inngest-binary PATH       an Inngest server binary (\`inngest start\`) for (m); the bench never fetches one
  --inngest-args "…"          more arguments for it, e.g. "--redis-uri redis://… --postgres-uri postgres://…"
                              (default: its SQLite and in-memory queue)
  --batch-size 100            messages per batch publish in (h) and (j)
  --drain-timeout 120         seconds to wait for a backlog to drain
  --profile                   node --cpu-prof on the server process; summary in the report
  --keep                      keep the databases and data dirs
  --out bench-results`);
  process.exit(0);
}

const execShell = promisify(exec);
const seconds = (name: keyof typeof args) => Number(args[name]) * 1000;
const figures = new Set(args.figures.split(",").map((f) => f.trim()));
const measures = (figure: string) => figures.has(figure);
const BATCH_SIZE = Number(args["batch-size"]);
/** endpoints of the fan-out (i): the (e) ones plus as many more, created over the API just before it */
const LARGE_FANOUT = 1_000;
/** endpoints of (j)'s second half */
const PEER_ENDPOINTS = 10;
// The bench seeds through the domain's use cases in this process, and they read the environment (the tenant
// quotas): with DATABASE_URL set, that needs secrets only the app processes use, so this one gets throwaway ones.
process.env.HOOKLINE_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64");

const modes: Mode[] = (args.modes ?? (process.env.DATABASE_URL ? "embedded,postgres" : "embedded")).split(",").map((m) => m.trim() as Mode);
for (const mode of modes) {
  if (mode !== "embedded" && mode !== "postgres") throw new Error(`unknown mode ${mode}`);
  if (mode === "postgres" && !process.env.DATABASE_URL) throw new Error("--modes postgres needs DATABASE_URL");
}
const runStarted = Date.now();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const outDir = path.resolve(args.out);
const runDir = path.join(outDir, `bench-${stamp}`);
fs.mkdirSync(runDir, { recursive: true });
let buildDir = "";
/** stopped on Ctrl-C / SIGTERM, so an interrupted run leaves no server or receiver behind */
const running = new Set<{ stop(): Promise<void> }>();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log(`\n[bench] ${signal}: stopping the app and the receiver`);
    void Promise.allSettled([...running].map((child) => child.stop())).then(() => process.exit(130));
  });
}
const log = (message: string) => console.log(`[bench +${((Date.now() - runStarted) / 1000).toFixed(0)}s] ${message}`);

// ─────────────── payload: about 1 KB on the wire ───────────────

function steadyPayload(index: number, padding: number = PADDING) {
  return {
    sessionId: `bench-${index}`,
    date: "2023-01-01T12:00:00Z",
    integrations: [{ key: "brokerDirect", id: "750800", reference: "MIS/708194", name: "Broker Direct", status: "success" }],
    meta: { padding: "x".repeat(padding) },
  };
}
const wireSize = (padding: number): number =>
  Buffer.byteLength(
    buildWireBody({
      eventType: STEADY_EVENT,
      payload: steadyPayload(0, padding),
      messageId: "00000000-0000-0000-0000-000000000000",
      createdAt: new Date(),
      publicUrl: "http://localhost:3000",
    }),
  );
const PADDING: number = 1024 - wireSize(0);
const RAW_BODY = buildWireBody({ eventType: STEADY_EVENT, payload: steadyPayload(0), messageId: "raw", createdAt: new Date(), publicUrl: "http://localhost:3000" });

// ─────────────── (a) raw ───────────────

type RawFigures = { c64: LoadResult; c16: LoadResult };

async function measureRaw(receiver: ReceiverProcess): Promise<RawFigures> {
  const url = `${receiver.origin}/raw`;
  const run = async (concurrency: number) => {
    const agent = new Agent({ connections: concurrency, keepAliveTimeout: 30_000 });
    const send = async () => {
      const res = await request(url, { method: "POST", body: RAW_BODY, headers: { "content-type": "application/json" }, dispatcher: agent });
      await res.body.dump();
      return res.statusCode === 200;
    };
    await closedLoop({ concurrency, durationMs: 1_000, send }); // warm-up
    const result = await closedLoop({ concurrency, durationMs: seconds("raw-duration"), send });
    await agent.close();
    return result;
  };
  return { c64: await run(64), c16: await run(16) };
}

// ─────────────── (f) the framework's floor ───────────────

/**
 * What the app's HTTP stack serves when a route does nothing: GET of an unknown /api/v2 path, answered by
 * the catch-all route with the API's JSON 404 — no database, no key, only Next.js routing and a Response.
 * No publish can be cheaper, so this bounds (b) and (c) on this machine.
 */
async function measureFloor(origin: string): Promise<LoadResult> {
  const agent = new Agent({ connections: 32, keepAliveTimeout: 30_000 });
  const send = async () => {
    const res = await request(`${origin}/api/v2/bench-floor`, { method: "GET", dispatcher: agent });
    await res.body.dump();
    return res.statusCode === 404;
  };
  await closedLoop({ concurrency: 32, durationMs: 1_000, send }); // warm-up
  const result = await closedLoop({ concurrency: 32, durationMs: seconds("raw-duration"), send });
  await agent.close();
  return result;
}

// ─────────────── publishing and tracking ───────────────

type Published = { sentAt: number; deliveries: number };

class Publisher {
  readonly published = new Map<string, Published>();
  publishedDeliveries = 0;
  failures: Record<string, number> = {};
  private readonly pool: Pool;
  private next = 0;

  constructor(
    origin: string,
    private readonly keys: string[],
  ) {
    this.pool = new Pool(origin, { connections: 128, keepAliveTimeout: 30_000 });
  }

  async publish(eventType: string, payload: unknown): Promise<string | undefined> {
    const index = this.next++;
    const key = this.keys[index % this.keys.length]!;
    const sentAt = epochNow();
    const res = await this.pool.request({
      method: "POST",
      path: "/api/v2/messages",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ event_type: eventType, payload }),
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
    });
    const text = await res.body.text();
    if (res.statusCode !== 202) {
      const reason = `HTTP ${res.statusCode} ${text.slice(0, 100)}`;
      this.failures[reason] = (this.failures[reason] ?? 0) + 1;
      return undefined;
    }
    const message = JSON.parse(text) as { id: string; deliveries: unknown[] };
    this.published.set(message.id, { sentAt, deliveries: message.deliveries.length });
    this.publishedDeliveries += message.deliveries.length;
    return message.id;
  }

  steady = async () => (await this.publish(STEADY_EVENT, steadyPayload(this.next))) !== undefined;

  /** `POST /api/v2/messages/batch`: `size` steady messages in one request, one result per message, in order. */
  async publishBatch(size: number): Promise<boolean> {
    const first = this.next;
    this.next += size;
    const key = this.keys[first % this.keys.length]!;
    const messages = Array.from({ length: size }, (_, i) => ({ event_type: STEADY_EVENT, payload: steadyPayload(first + i) }));
    const sentAt = epochNow();
    const res = await this.pool.request({
      method: "POST",
      path: "/api/v2/messages/batch",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ messages }),
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
    });
    const text = await res.body.text();
    if (res.statusCode !== 202) {
      const reason = `batch: HTTP ${res.statusCode} ${text.slice(0, 100)}`;
      this.failures[reason] = (this.failures[reason] ?? 0) + size;
      return false;
    }
    const { data } = JSON.parse(text) as { data: { id: string; deliveries: unknown[] }[] };
    for (const message of data) {
      this.published.set(message.id, { sentAt, deliveries: message.deliveries.length });
      this.publishedDeliveries += message.deliveries.length;
    }
    return true;
  }

  batch = () => this.publishBatch(BATCH_SIZE);

  /** Endpoints created over the API while the app runs (the seeded ones are made before it starts). */
  /** adds `count` endpoints over the API; resolves to their ids */
  async addEndpoints(writeKey: string, options: { count: number; eventType: string; receiverOrigin: string; pathPrefix: string }): Promise<string[]> {
    const ids: string[] = [];
    let made = 0;
    const worker = async () => {
      while (made < options.count) {
        const index = made++;
        const res = await this.pool.request({
          method: "POST",
          path: "/api/v2/webhook_endpoint",
          headers: { authorization: `Bearer ${writeKey}`, "content-type": "application/json" },
          body: JSON.stringify({ url: `${options.receiverOrigin}${options.pathPrefix}/${index}`, enabled_events: [options.eventType], description: `bench ${options.pathPrefix} ${index}` }),
        });
        const text = await res.body.text();
        if (res.statusCode !== 201) throw new Error(`creating an endpoint: HTTP ${res.statusCode} ${text.slice(0, 200)}`);
        ids.push((JSON.parse(text) as { id: string }).id);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return ids;
  }

  async deleteEndpoints(writeKey: string, ids: readonly string[]) {
    for (const id of ids) {
      const res = await this.pool.request({ method: "DELETE", path: `/api/v2/webhook_endpoint/${id}`, headers: { authorization: `Bearer ${writeKey}` } });
      await res.body.text();
      if (res.statusCode >= 300) throw new Error(`deleting endpoint ${id}: HTTP ${res.statusCode}`);
    }
  }

  async getMessage(id: string) {
    const res = await this.pool.request({ method: "GET", path: `/api/v2/messages/${id}`, headers: { authorization: `Bearer ${this.keys[0]}` } });
    return (await res.body.json()) as { deliveries: { status: string }[] };
  }

  close() {
    return this.pool.close();
  }
}

class ReceiverClient {
  private readonly pool: Pool;
  constructor(origin: string) {
    this.pool = new Pool(origin, { connections: 2 });
  }
  async stats() {
    const res = await this.pool.request({ method: "GET", path: "/__control/stats" });
    return (await res.body.json()) as { raw: number; webhooks: number; keys: number; messages: number; duplicates: number };
  }
  async lookup(ids: string[]) {
    const res = await this.pool.request({ method: "POST", path: "/__control/lookup", body: JSON.stringify(ids) });
    return (await res.body.json()) as Record<string, { first: number; count: number; paths: number }>;
  }
  async dump() {
    const res = await this.pool.request({ method: "GET", path: "/__control/dump" });
    return (await res.body.json()) as [string, string, number, number][];
  }
  close() {
    return this.pool.close();
  }
}

/**
 * Deliveries not finished yet: counted in the database when the bench can reach it (PostgreSQL), else
 * published − received. The connection is opened again after a failure: (l) restarts the server under it.
 */
class Backlog {
  private client?: pg.Client;
  constructor(
    private readonly prepared: PreparedDatabase,
    private readonly publisher: Publisher,
    private readonly receiver: ReceiverClient,
  ) {}
  private get url() {
    return this.prepared.target.kind === "postgres" ? this.prepared.target.url : undefined;
  }
  private async connection(url: string): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({ connectionString: url });
    // an idle connection cut by a server restart: the next sample opens a new one
    client.on("error", () => {
      if (this.client === client) this.client = undefined;
    });
    await client.connect();
    this.client = client;
    return client;
  }
  async open() {
    if (this.url) await this.connection(this.url);
  }
  get source() {
    return this.url ? "database: pending + delivering deliveries" : "published deliveries − distinct deliveries received";
  }
  async sample(): Promise<{ backlog: number; received: number }> {
    const received = (await this.receiver.stats()).keys;
    if (!this.url) return { backlog: this.publisher.publishedDeliveries - received, received };
    const client = await this.connection(this.url);
    try {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM deliveries WHERE status IN ('pending', 'delivering')`);
      return { backlog: Number(rows[0]!.n), received };
    } catch (error) {
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => {});
      throw error;
    }
  }
  async close() {
    await this.client?.end().catch(() => {});
  }
}

async function drain(publisher: Publisher, receiver: ReceiverClient, timeoutMs: number): Promise<{ drained: boolean; ms: number }> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if ((await receiver.stats()).keys >= publisher.publishedDeliveries) return { drained: true, ms: Date.now() - started };
    await sleep(100);
  }
  return { drained: false, ms: Date.now() - started };
}

// ─────────────── one mode ───────────────

type SustainedReport = {
  rateOffered: number;
  /** over the second half of the window */
  deliveriesPerSecond: number;
  deliveriesPerSecondWholeWindow: number;
  durationMs: number;
  publish: LoadResult & { skipped: number };
  backlog: { source: string; samples: { t: number; backlog: number; rate: number }[]; start: number; end: number; max: number; slopePerSecond: number; flat: boolean };
  appRssMb: { start: number; end: number; max: number };
  appCpuCores: number;
};

type FanoutReport = { endpoints: number; runs: { receivedMs: number; recordedMs: number }[]; receivedMs: number; recordedMs: number };

/** (h): batch publishing, held at a small backlog; the figure is what is delivered over the second half. */
type BatchSustainedReport = {
  batchSize: number;
  deliveriesPerSecond: number;
  durationMs: number;
  publish: LoadResult;
  backlog: { samples: { t: number; backlog: number }[]; max: number; slopePerSecond: number; flat: boolean };
  cost: CostPerDelivery;
};

/** (j): issue 20's load — closed loop, 32 in flight, then a drain; the rate is deliveries over load + drain. */
type PeerReport = {
  endpoints: number;
  publishing: "single" | "batch";
  /** worker processes (PostgreSQL: web + workers); 1 as npm start runs */
  workers: number;
  /** who calls the functions: the worker's embedded executor, as npm start runs, or an Inngest server (m) */
  executor: Executor;
  deliveriesPerSecond: number;
  deliveries: number;
  loadMs: number;
  drainMs: number;
  drained: boolean;
  duplicates: number;
  publish: LoadResult;
  cost: CostPerDelivery;
  topStatements: Cost["topStatements"];
};

type Executor = "embedded" | "inngest-server";

/** (k) and (l): a fault under (j)'s load at one endpoint; repeats are counted per acknowledged message */
type FaultReport = { messages: number; duplicates: number; publishFailures: number; downMs: number };

type ModeReport = {
  mode: Mode;
  raw: RawFigures;
  /** (f) */
  floor?: LoadResult;
  capacityProbe?: { deliveriesPerSecond: number; publishPerSecond: number };
  sustained?: SustainedReport;
  publishBurst?: LoadResult & { concurrency: number };
  latency?: { rate: number; messages: number; publishToFirstAttempt: ReturnType<Latencies["summary"]>; publish: LoadResult };
  fanout?: FanoutReport;
  batchSustained?: BatchSustainedReport;
  largeFanout?: FanoutReport;
  peer: PeerReport[];
  kill?: FaultReport;
  postgresRestart?: FaultReport;
  /** the app's own counters (GET /api/metrics of each process) against the bench's counts, before (k) restarts it */
  metrics?: MetricsCheck;
  /** whether statements per delivery could be counted (pg_stat_statements) */
  countsStatements: boolean;
  verification: Verification;
  profile?: ProfileSummary;
  errors: string[];
};

type MetricsCheck = { published: [number, number]; delivered: [number, number]; attempts: [number, number]; ok: boolean };

/** The app runs with this token so the bench can read its metrics (issue 14: the counters match the run's counts). */
const METRICS_TOKEN = randomBytes(24).toString("hex");

/** Sum of a metric's samples (every label set, or those matching `labels`) over the processes' expositions. */
function metricSum(expositions: string[], name: string, labels = ""): number {
  let sum = 0;
  for (const text of expositions) {
    for (const line of text.split("\n")) {
      if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
      if (labels && !line.includes(labels)) continue;
      sum += Number(line.slice(line.lastIndexOf(" ") + 1));
    }
  }
  return sum;
}

const appCpuSeconds = (app: AppProcess) => app.serverPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function runMode(mode: Mode, receiverProcess: ReceiverProcess): Promise<ModeReport> {
  const errors: string[] = [];
  log(`${mode}: preparing a fresh database`);
  const prepared = await prepareDatabase({ mode, receiverOrigin: receiverProcess.origin, apiKeys: Number(args["api-keys"]), keep: args.keep });
  const appLog = fs.createWriteStream(path.join(runDir, `app-${mode}.log`));
  const profileDir = path.join(runDir, `profile-${mode}`);
  const port = await freePort();
  log(`${mode}: starting the app on 127.0.0.1:${port}`);
  const appOptions = {
    buildDir,
    port,
    // the per-key limiter still runs on every request; its budget is only raised above what the bench sends;
    // the quotas are raised for the fan-out (i)
    env: {
      ...prepared.appEnv,
      HOOKLINE_PUBLIC_URL: `http://localhost:${port}`,
      HOOKLINE_API_RATE_LIMIT_PER_SECOND: "1000000",
      HOOKLINE_MAX_REQUESTS_PER_SECOND_PER_HOST: "1000000",
      HOOKLINE_MAX_ENDPOINTS_PER_TENANT: String(LARGE_FANOUT + PEER_ENDPOINTS + 10),
      HOOKLINE_MAX_DELIVERIES_PER_MESSAGE: String(LARGE_FANOUT),
      HOOKLINE_METRICS_TOKEN: METRICS_TOKEN,
    },
    log: appLog,
    // as `npm start` runs on PostgreSQL: web and worker side by side
    split: prepared.target.kind === "postgres",
    nodeArgs: args.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : undefined,
  };
  let app: AppProcess = await startApp(appOptions);
  running.add(app);
  const publisher = new Publisher(app.origin, prepared.apiKeys);
  const receiver = new ReceiverClient(receiverProcess.origin);
  const backlog = new Backlog(prepared, publisher, receiver);
  await backlog.open();
  const meter = new CostMeter(prepared.target.kind === "postgres" ? process.env.DATABASE_URL : undefined, prepared.databaseName, () => app.pids());
  await meter.open();
  const backlogCap = 2_000;
  let report: ModeReport | undefined;
  try {
    log(`${mode}: warm-up`);
    let current = 0;
    const refresh = setInterval(() => void backlog.sample().then((s) => (current = s.backlog), () => {}), 100);
    await closedLoop({ concurrency: 8, durationMs: 5_000, send: publisher.steady, shouldPause: () => current > 500 });
    await drain(publisher, receiver, seconds("drain-timeout"));
    clearInterval(refresh);

    log(`${mode}: (a) raw undici → receiver`);
    const raw = await measureRaw(receiverProcess);
    log(`${mode}:     c64 ${raw.c64.perSecond.toFixed(0)} req/s p99 ${raw.c64.latency.p99.toFixed(2)} ms; c16 p99 ${raw.c16.latency.p99.toFixed(2)} ms`);
    report = { mode, raw, peer: [], countsStatements: meter.countsStatements, verification: undefined as unknown as Verification, errors };

    if (measures("f")) {
      log(`${mode}: (f) the app serving a route that does nothing`);
      report.floor = await measureFloor(app.origin);
      log(`${mode}:     ${report.floor.perSecond.toFixed(0)} req/s, p99 ${report.floor.latency.p99.toFixed(2)} ms`);
    }

    if (measures("b")) await measureSustained(report);
    if (measures("d")) await measureLatency(report);
    if (measures("e")) report.fanout = await measureFanout(FANOUT_ENDPOINTS);
    if (measures("c")) {
      const concurrency = Number(args["publish-concurrency"]);
      log(`${mode}: (c) publish burst, ${concurrency} in flight for ${args.burst} s while deliveries run`);
      const burst = await closedLoop({ concurrency, durationMs: seconds("burst"), send: publisher.steady });
      report.publishBurst = { ...burst, concurrency };
      log(`${mode}:     ${burst.perSecond.toFixed(0)} req/s, p50 ${burst.latency.p50.toFixed(1)} ms, p99 ${burst.latency.p99.toFixed(1)} ms; draining`);
      const drained = await drain(publisher, receiver, seconds("drain-timeout"));
      if (!drained.drained) errors.push(`backlog of (c) did not drain in ${args["drain-timeout"]} s`);
      else log(`${mode}:     drained in ${(drained.ms / 1000).toFixed(1)} s`);
    }
    const batchServed = (measures("h") || measures("j")) && (await publisher.publishBatch(1));
    if (!batchServed && (measures("h") || measures("j"))) errors.push(`batch publishing is not served (${Object.keys(publisher.failures).at(-1) ?? "?"}): (h) and (j)'s batch variants skipped`);
    if (measures("h") && batchServed) await measureBatchSustained(report);
    if (measures("i")) {
      const more = LARGE_FANOUT - FANOUT_ENDPOINTS;
      log(`${mode}: (i) adding ${more} endpoints to the fan-out's ${FANOUT_ENDPOINTS}`);
      await publisher.addEndpoints(prepared.writeKey, { count: more, eventType: FANOUT_EVENT, receiverOrigin: receiverProcess.origin, pathPrefix: "/hook/fanout-large" });
      report.largeFanout = await measureFanout(LARGE_FANOUT);
    }
    let peerEndpointIds: string[] = [];
    if (measures("j")) {
      for (const endpoints of [1, PEER_ENDPOINTS]) {
        if (endpoints > 1) {
          peerEndpointIds = await publisher.addEndpoints(prepared.writeKey, { count: endpoints - 1, eventType: STEADY_EVENT, receiverOrigin: receiverProcess.origin, pathPrefix: "/hook/steady-more" });
        }
        report.peer.push(await measurePeer(endpoints, "single"));
        if (batchServed) report.peer.push(await measurePeer(endpoints, "batch"));
      }
    }
    report.metrics = await checkMetrics();
    if (!report.metrics.ok) errors.push(`the app's metrics disagree with the bench's counts: ${JSON.stringify(report.metrics)}`);
    const scaleWorkers = Number(args["scale-workers"]);
    if (measures("j") && appOptions.split && scaleWorkers > 1) {
      // scale-out: the same load with more workers on the same database, then back to npm start's topology
      await restartApp({ ...appOptions, workers: scaleWorkers });
      report.peer.push(await measurePeer(PEER_ENDPOINTS, "single", scaleWorkers));
      await restartApp(appOptions);
    }
    if (measures("m") && appOptions.split) {
      if (args["inngest-binary"]) peerEndpointIds = await measureOnInngestServer(args["inngest-binary"], peerEndpointIds);
      else log(`${mode}: (m) skipped: --inngest-binary names no Inngest server`);
    }
    if (measures("k") || measures("l")) {
      // the issue's fault load is (j)'s at one endpoint: repeats are counted per message
      await publisher.deleteEndpoints(prepared.writeKey, peerEndpointIds);
    }
    if (measures("k")) {
      report.kill = await measureFault("(k) SIGKILL of the app, started again 2 s later,", killApp);
    }
    if (measures("l") && prepared.target.kind === "postgres") {
      if (args["postgres-restart"]) report.postgresRestart = await measureFault(`(l) PostgreSQL restarted (${args["postgres-restart"]})`, restartPostgres);
      else log(`${mode}: (l) skipped: --postgres-restart names no command restarting PostgreSQL`);
    }
  } finally {
    await meter.close();
    await backlog.close();
    await publisher.close();
    log(`${mode}: stopping the app`);
    await app.stop();
    running.delete(app);
  }

  log(`${mode}: checking every message against the database and the receiver`);
  report.verification = await verify(prepared, publisher, receiver);
  // after a fault, requests sent but not recorded before it are repeated unrecorded: (k) and (l) count them
  if ((report.kill || report.postgresRestart) && !report.verification.ok) {
    const v = report.verification;
    report.verification.ok = v.lostMessages === 0 && v.notDelivered === 0 && v.unexpectedRequests === 0 && (v.statuses.succeeded ?? 0) === v.deliveries;
    if (report.verification.ok) v.verdict = `nothing lost; ${v.duplicateRequests} repeats, the sends cut off by (k) and (l) among them`;
  }
  await receiver.close();
  if (args.profile) report.profile = summarizeProfile(profileDir);
  await prepared.dispose();
  return report;

  async function measureSustained(target: ModeReport) {
    let current = 0;
    const refresh = setInterval(() => void backlog.sample().then((s) => (current = s.backlog), () => {}), 100);
    log(`${mode}: probing delivery capacity (${args.probe} s, backlog held ≤ ${backlogCap})`);
    const probeStart = await receiver.stats();
    const probe = await closedLoop({ concurrency: 16, durationMs: seconds("probe"), send: publisher.steady, shouldPause: () => current > backlogCap });
    const probeEnd = await receiver.stats();
    clearInterval(refresh);
    const capacity = (probeEnd.keys - probeStart.keys) / (probe.elapsedMs / 1000);
    target.capacityProbe = { deliveriesPerSecond: capacity, publishPerSecond: probe.perSecond };
    log(`${mode}:     ~${capacity.toFixed(0)} deliveries/s, publish ${probe.perSecond.toFixed(0)}/s`);
    await drain(publisher, receiver, seconds("drain-timeout"));

    // (b) starts at the probed capacity and, unless --rate fixes it, steers the offered rate to keep a small
    // backlog: +5% a second while the backlog stays under its target, −10% while it is over twice that. On a
    // machine other work shares, this finds the rate the pipeline really sustains instead of trusting a short probe.
    const fixedRate = args.rate ? Number(args.rate) : undefined;
    const startRate = fixedRate ?? Math.max(1, Math.floor(capacity * Number(args["rate-factor"])));
    let rate = startRate;
    const goal = Math.max(20, Math.ceil(startRate / 2));
    log(`${mode}: (b) sustained load for ${args.duration} s from ${startRate} messages/s${fixedRate ? " (fixed)" : `, steered to hold a backlog near ${goal}`}`);
    const samples: { t: number; backlog: number; rate: number; received: number }[] = [];
    const rss: number[] = [];
    const startSample = await backlog.sample();
    const cpuStart = appCpuSeconds(app);
    const sustainStarted = performance.now();
    let sampling = Promise.resolve();
    const sustained = await openLoop({
      rate: () => rate,
      durationMs: seconds("duration"),
      send: publisher.steady,
      maxInFlight: 512,
      onTick: (elapsed) => {
        rss.push(app.serverPids.reduce((sum, pid) => sum + rssBytes(pid), 0));
        sampling = sampling.then(() =>
          backlog.sample().then(
            (s) => {
              samples.push({ t: elapsed / 1000, backlog: s.backlog, rate, received: s.received });
              if (fixedRate) return;
              if (s.backlog < goal) rate *= 1.05;
              else if (s.backlog > 2 * goal) rate = Math.max(1, rate * 0.9);
            },
            () => {},
          ),
        );
      },
    });
    await sampling;
    const endSample = await backlog.sample();
    const sustainMs = performance.now() - sustainStarted;
    const cpuUsed = appCpuSeconds(app) - cpuStart;
    const delivered = endSample.received - startSample.received;
    // flatness is judged on the second half, once the controller has found its rate
    const secondHalf = samples.filter((sample) => sample.t >= Number(args.duration) / 2);
    const growth = slope(secondHalf.map((sample) => ({ x: sample.t, y: sample.backlog })));
    const meanRate = sustained.offered / (sustainMs / 1000);
    // the figure: deliveries/s over the second half, once the rate has settled (the whole window is reported too)
    const halfStart = secondHalf[0];
    const halfEnd = secondHalf.at(-1);
    const settledRate =
      halfStart && halfEnd && halfEnd.t > halfStart.t ? (halfEnd.received - halfStart.received) / (halfEnd.t - halfStart.t) : delivered / (sustainMs / 1000);
    target.sustained = {
      rateOffered: meanRate,
      deliveriesPerSecond: settledRate,
      deliveriesPerSecondWholeWindow: delivered / (sustainMs / 1000),
      durationMs: sustainMs,
      publish: sustained,
      backlog: {
        source: backlog.source,
        samples,
        start: startSample.backlog,
        end: endSample.backlog,
        max: Math.max(0, ...samples.map((s) => s.backlog)),
        slopePerSecond: growth,
        // flat: over the second half it grows by less than 2% of the offered rate, i.e. the pipeline keeps up
        flat: growth < 0.02 * meanRate,
      },
      appRssMb: { start: (rss[0] ?? NaN) / 2 ** 20, end: (rss.at(-1) ?? NaN) / 2 ** 20, max: Math.max(...rss) / 2 ** 20 },
      appCpuCores: cpuUsed / (sustainMs / 1000),
    };
    log(
      `${mode}:     ${settledRate.toFixed(0)} deliveries/s, backlog ${startSample.backlog}→${endSample.backlog} ` +
        `(max ${target.sustained.backlog.max}, slope ${growth.toFixed(1)}/s), publish p50 ${sustained.latency.p50.toFixed(1)} ms p99 ${sustained.latency.p99.toFixed(1)} ms`,
    );
    const drained = await drain(publisher, receiver, seconds("drain-timeout"));
    if (!drained.drained) errors.push(`backlog of (b) did not drain in ${args["drain-timeout"]} s`);
  }

  async function measureLatency(target: ModeReport) {
    const basis = target.sustained?.deliveriesPerSecond ?? (args.rate ? Number(args.rate) * 2 : 200);
    const latencyRate = Math.max(1, Math.floor(basis / 2));
    log(`${mode}: (d) publish → first attempt at ${latencyRate} messages/s for ${args["latency-duration"]} s`);
    const before = new Set(publisher.published.keys());
    const latencyRun = await openLoop({ rate: latencyRate, durationMs: seconds("latency-duration"), send: publisher.steady, maxInFlight: 512 });
    await drain(publisher, receiver, seconds("drain-timeout"));
    const ids = [...publisher.published.keys()].filter((id) => !before.has(id));
    const firstSeen: Record<string, { first: number }> = {};
    for (let i = 0; i < ids.length; i += 2_000) Object.assign(firstSeen, await receiver.lookup(ids.slice(i, i + 2_000)));
    const toFirst = new Latencies();
    for (const id of ids) {
      const seen = firstSeen[id];
      if (seen) toFirst.add(seen.first - publisher.published.get(id)!.sentAt);
    }
    target.latency = { rate: latencyRate, messages: ids.length, publishToFirstAttempt: toFirst.summary(), publish: latencyRun };
    log(`${mode}:     p50 ${toFirst.percentile(50).toFixed(1)} ms, p99 ${toFirst.percentile(99).toFixed(1)} ms over ${toFirst.count} messages`);
  }

  async function measureFanout(endpoints: number): Promise<FanoutReport> {
    log(`${mode}: fan-out to ${endpoints} endpoints × ${args["fanout-runs"]}`);
    const runs: { receivedMs: number; recordedMs: number }[] = [];
    for (let run = 0; run < Number(args["fanout-runs"]); run++) {
      const t0 = epochNow();
      const id = await publisher.publish(FANOUT_EVENT, requireEventType(FANOUT_EVENT).example);
      if (!id) {
        errors.push(`fan-out to ${endpoints}: publish failed`);
        break;
      }
      let receivedMs = NaN;
      let recordedMs = NaN;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && Number.isNaN(recordedMs)) {
        if (Number.isNaN(receivedMs)) {
          const seen = (await receiver.lookup([id]))[id];
          if (seen && seen.paths >= endpoints) receivedMs = epochNow() - t0;
        }
        if (!Number.isNaN(receivedMs)) {
          const message = await publisher.getMessage(id);
          if (message.deliveries.length >= endpoints && message.deliveries.every((d) => d.status === "succeeded")) recordedMs = epochNow() - t0;
        }
        await sleep(10);
      }
      runs.push({ receivedMs, recordedMs });
      log(`${mode}:     all ${endpoints} received in ${receivedMs.toFixed(0)} ms, recorded in ${recordedMs.toFixed(0)} ms`);
    }
    return { endpoints, runs, receivedMs: median(runs.map((r) => r.receivedMs)), recordedMs: median(runs.map((r) => r.recordedMs)) };
  }

  async function measureBatchSustained(target: ModeReport) {
    // at most a few batches in flight, held back while the backlog is over its cap: what is delivered over
    // the second half is what the pipeline sustains, and the backlog's slope shows whether it kept up
    const cap = 20 * BATCH_SIZE;
    let current = 0;
    const samples: { t: number; backlog: number; received: number }[] = [];
    const started = performance.now();
    const refresh = setInterval(
      () =>
        void backlog.sample().then(
          (s) => {
            current = s.backlog;
            samples.push({ t: (performance.now() - started) / 1000, backlog: s.backlog, received: s.received });
          },
          () => {},
        ),
      250,
    );
    log(`${mode}: (h) sustained load for ${args.duration} s, ${BATCH_SIZE} messages per publish, backlog held ≤ ${cap}`);
    await meter.start();
    const load = await closedLoop({ concurrency: 4, durationMs: seconds("duration"), send: publisher.batch, shouldPause: () => current > cap });
    clearInterval(refresh);
    const cost = await meter.stop();
    const secondHalf = samples.filter((sample) => sample.t >= Number(args.duration) / 2);
    const halfStart = secondHalf[0];
    const halfEnd = secondHalf.at(-1);
    const rate = halfStart && halfEnd && halfEnd.t > halfStart.t ? (halfEnd.received - halfStart.received) / (halfEnd.t - halfStart.t) : NaN;
    const growth = slope(secondHalf.map((sample) => ({ x: sample.t, y: sample.backlog })));
    const delivered = (samples.at(-1)?.received ?? 0) - (samples[0]?.received ?? 0);
    target.batchSustained = {
      batchSize: BATCH_SIZE,
      deliveriesPerSecond: rate,
      durationMs: load.elapsedMs,
      publish: load,
      backlog: { samples: samples.map(({ t, backlog: b }) => ({ t, backlog: b })), max: Math.max(0, ...samples.map((s) => s.backlog)), slopePerSecond: growth, flat: growth < 0.02 * rate },
      cost: perDelivery(cost, delivered),
    };
    log(`${mode}:     ${rate.toFixed(0)} deliveries/s, backlog max ${target.batchSustained.backlog.max}, slope ${growth.toFixed(1)}/s; publish p99 ${load.latency.p99.toFixed(0)} ms`);
    const drained = await drain(publisher, receiver, seconds("drain-timeout"));
    if (!drained.drained) errors.push(`backlog of (h) did not drain in ${args["drain-timeout"]} s`);
  }

  /**
   * What the app's processes counted (their `/api/metrics`), against what the bench published and the receiver
   * got, once everything has drained: messages published, deliveries succeeded (one per message and endpoint),
   * and requests made to receivers (the bench's own webhooks; its raw undici load carries no message id).
   */
  async function checkMetrics(): Promise<MetricsCheck> {
    const expositions = await Promise.all(
      app.metricsOrigins.map(async (origin) => {
        const res = await request(`${origin}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
        if (res.statusCode !== 200) throw new Error(`${origin}/api/metrics answered ${res.statusCode}`);
        return res.body.text();
      }),
    );
    const stats = await receiver.stats();
    const check: MetricsCheck = {
      published: [metricSum(expositions, "hookline_messages_published_total"), publisher.published.size],
      delivered: [metricSum(expositions, "hookline_deliveries_completed_total", 'outcome="succeeded"'), stats.keys],
      attempts: [metricSum(expositions, "hookline_delivery_attempts_total"), stats.webhooks],
      ok: false,
    };
    check.ok = [check.published, check.delivered, check.attempts].every(([app, bench]) => app === bench);
    log(`${mode}: /api/metrics: published ${check.published.join(" = bench ")}, delivered ${check.delivered.join(" = bench ")}, attempts ${check.attempts.join(" = bench ")} → ${check.ok ? "match" : "MISMATCH"}`);
    return check;
  }

  /**
   * Issue 20's faults under (j)'s load with one message per publish, 12 s in: (k) every app process SIGKILLed
   * and started again 2 s later on the same database; (l) the PostgreSQL server restarted under the running app.
   * Every acknowledged message must arrive; the repeats are counted.
   */
  async function measureFault(name: string, inflict: () => Promise<void>): Promise<FaultReport> {
    const durationMs = Math.max(seconds("peer-duration"), 20_000);
    log(`${mode}: ${name} 12 s into ${durationMs / 1000} s of (j)'s load`);
    await drain(publisher, receiver, seconds("drain-timeout"));
    const before = await receiver.stats();
    const acknowledgedBefore = publisher.published.size;
    // a refused publish (the app or its database is down) waits a little instead of spinning
    const send = async () => {
      try {
        if (await publisher.steady()) return true;
      } catch {
        // connection refused or cut by the fault
      }
      await sleep(100);
      return false;
    };
    const load = closedLoop({ concurrency: 32, durationMs, send });
    await sleep(12_000);
    const faultAt = performance.now();
    await inflict();
    const downMs = performance.now() - faultAt;
    const loaded = await load;
    const drained = await drain(publisher, receiver, seconds("drain-timeout"));
    if (!drained.drained) errors.push(`${name}: did not drain in ${args["drain-timeout"]} s`);
    // publishes the fault cut off after their commit were never acknowledged, yet must be delivered: the
    // worker's sweep sends them a few seconds later; wait until nothing is left unsettled
    const settleBy = Date.now() + seconds("drain-timeout");
    while (Date.now() < settleBy && (await backlog.sample().then((s) => s.backlog, () => 1)) > 0) await sleep(250);
    const after = await receiver.stats();
    const messages = publisher.published.size - acknowledgedBefore;
    const duplicates = after.duplicates - before.duplicates;
    log(`${mode}:     ${messages} messages acknowledged, ${duplicates} repeated (${((duplicates / Math.max(1, messages)) * 100).toFixed(3)}%), ${loaded.failed} publishes refused, down ${(downMs / 1000).toFixed(1)} s`);
    return { messages, duplicates, publishFailures: loaded.failed, downMs };
  }

  async function killApp() {
    for (const pid of app.pids().reverse()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    running.delete(app);
    await sleep(2_000);
    app = await startApp(appOptions);
    running.add(app);
  }

  async function restartPostgres() {
    await execShell(args["postgres-restart"]!, { timeout: 120_000 });
  }

  /**
   * (m): the same workers called by a self-hosted Inngest server, as production runs without the embedded
   * executor: (j) at ten endpoints, then at one (the extra endpoints are deleted); then back to npm start's
   * topology. Resolves to the extra endpoints still left (none).
   */
  async function measureOnInngestServer(binary: string, extraEndpoints: string[]): Promise<string[]> {
    const inngest = await startInngestServer({
      binary,
      dataDir: path.join(runDir, `inngest-${mode}`),
      extraArgs: args["inngest-args"].split(/\s+/).filter(Boolean),
      log: fs.createWriteStream(path.join(runDir, `inngest-${mode}.log`)),
    });
    running.add(inngest);
    try {
      await restartApp({ ...appOptions, inngestServer: inngest });
      if (extraEndpoints.length) report!.peer.push(await measurePeer(PEER_ENDPOINTS, "single", 1, "inngest-server"));
      await publisher.deleteEndpoints(prepared.writeKey, extraEndpoints);
      report!.peer.push(await measurePeer(1, "single", 1, "inngest-server"));
      await restartApp(appOptions);
    } finally {
      await inngest.stop();
      running.delete(inngest);
    }
    return [];
  }

  async function restartApp(options: Parameters<typeof startApp>[0]) {
    await drain(publisher, receiver, seconds("drain-timeout"));
    await app.stop();
    running.delete(app);
    app = await startApp(options);
    running.add(app);
    // as at the first start: a fresh process compiles and fills its caches under the first load, not the measured one
    await closedLoop({ concurrency: 8, durationMs: 5_000, send: publisher.steady });
    await drain(publisher, receiver, seconds("drain-timeout"));
  }

  async function measurePeer(endpoints: number, publishing: "single" | "batch", workers = 1, executor: Executor = "embedded"): Promise<PeerReport> {
    const how = args["peer-rate"] ? `${args["peer-rate"]} publishes/s` : "32 in flight";
    log(
      `${mode}: ${executor === "embedded" ? "(j)" : "(m)"} ${endpoints} endpoint(s), ${publishing === "single" ? "one message" : `${BATCH_SIZE} messages`} per publish, ${how} for ${args["peer-duration"]} s, then a drain` +
        `${workers > 1 ? `; ${workers} workers` : ""}${executor === "embedded" ? "" : "; an Inngest server calls the worker"}`,
    );
    await drain(publisher, receiver, seconds("drain-timeout"));
    const before = await receiver.stats();
    await meter.start();
    const send = publishing === "single" ? publisher.steady : publisher.batch;
    const load = args["peer-rate"]
      ? // the same messages/s either way: a batch publish carries BATCH_SIZE
        await openLoop({ rate: Number(args["peer-rate"]) / (publishing === "single" ? 1 : BATCH_SIZE), durationMs: seconds("peer-duration"), send, maxInFlight: 512 })
      : await closedLoop({ concurrency: 32, durationMs: seconds("peer-duration"), send });
    const drained = await drain(publisher, receiver, seconds("drain-timeout"));
    const cost = await meter.stop();
    const after = await receiver.stats();
    const deliveries = after.keys - before.keys;
    const figure: PeerReport = {
      endpoints,
      publishing,
      workers,
      executor,
      deliveriesPerSecond: deliveries / ((load.elapsedMs + drained.ms) / 1000),
      deliveries,
      loadMs: load.elapsedMs,
      drainMs: drained.ms,
      drained: drained.drained,
      duplicates: after.duplicates - before.duplicates,
      publish: load,
      cost: perDelivery(cost, deliveries),
      topStatements: cost.topStatements,
    };
    if (!drained.drained) errors.push(`(j) ${endpoints} endpoints, ${publishing}: did not drain in ${args["drain-timeout"]} s`);
    log(
      `${mode}:     ${figure.deliveriesPerSecond.toFixed(0)} deliveries/s (drain ${(drained.ms / 1000).toFixed(1)} s), publish p50 ${load.latency.p50.toFixed(1)} / p99 ${load.latency.p99.toFixed(1)} ms; ` +
        `CPU/delivery ${figure.cost.machineCpuMs.toFixed(2)} ms machine − generator, ${figure.cost.systemCpuMs.toFixed(2)} ms app + database; ${figure.cost.statements.toFixed(2)} statements/delivery`,
    );
    return figure;
  }
}
async function verify(prepared: PreparedDatabase, publisher: Publisher, receiver: ReceiverClient): Promise<Verification> {
  const handle = await prepared.open();
  try {
    const db = handle.prisma;
    const endpoints = await db.endpoint.findMany({ where: { tenantId: prepared.tenantId }, select: { id: true, url: true } });
    const pathOf = new Map(endpoints.map((e) => [e.id, new URL(e.url).pathname]));
    const messages = await db.message.findMany({
      where: { tenantId: prepared.tenantId },
      select: { id: true, deliveries: { select: { endpointId: true, status: true, _count: { select: { attempts: true } } } } },
    });
    const received = new Map<string, number>();
    for (const [messageId, requestPath, count] of await receiver.dump()) received.set(`${messageId} ${requestPath}`, count);
    return verifyDeliveries({
      published: publisher.published.keys(),
      publishFailures: publisher.failures,
      messages: messages.map((message) => ({
        id: message.id,
        deliveries: message.deliveries.map((d) => ({ endpointPath: pathOf.get(d.endpointId) ?? "", status: d.status, attempts: d._count.attempts })),
      })),
      received,
    });
  } finally {
    await handle.close();
  }
}

// ─────────────── the table ───────────────

const fmt = (value: number | undefined, digits = 0) => (value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const ratio = (value: number | undefined, base: number | undefined) =>
  value !== undefined && base !== undefined && Number.isFinite(value) && base > 0 ? `${(value / base).toFixed(value / base < 0.1 ? 3 : 2)}×` : "";
const peerOfRun = (r: ModeReport, endpoints: number, publishing: PeerReport["publishing"], workers = 1, executor: Executor = "embedded") =>
  r.peer.find((p) => p.endpoints === endpoints && p.publishing === publishing && (p.workers ?? 1) === workers && (p.executor ?? "embedded") === executor);

function peerRows(endpoints: number, publishing: PeerReport["publishing"], workers = 1, executor: Executor = "embedded"): [string, (r: ModeReport, floor?: LoadResult) => [string, string]][] {
  const figure = executor === "embedded" ? "(j)" : "(m)";
  const name = `${figure} ${endpoints} endpoint${endpoints > 1 ? "s" : ""}, ${publishing === "single" ? "1 msg" : `${BATCH_SIZE} msgs`}/publish${workers > 1 ? `, ${workers} workers` : ""}${executor === "embedded" ? "" : ", Inngest server"}`;
  const peerOf = (r: ModeReport) => peerOfRun(r, endpoints, publishing, workers, executor);
  return [
    [
      `${name}: deliveries/s`,
      (r) => {
        const rate = peerOf(r)?.deliveriesPerSecond;
        // (m) is held against the embedded executor's figure in the same run, (j) against (a)
        return [fmt(rate), executor === "embedded" ? ratio(rate, r.raw.c64.perSecond) : `${ratio(rate, peerOfRun(r, endpoints, publishing)?.deliveriesPerSecond)} (j)`];
      },
    ],
    ["    publish req/s, p50 / p99: ms", (r, floor) => {
      const peer = peerOf(r);
      return [peer ? `${fmt(peer.publish.perSecond)}, ${fmt(peer.publish.latency.p50, 1)} / ${fmt(peer.publish.latency.p99, 1)}` : "n/a", floor && peer ? `${ratio(peer.publish.perSecond, floor.perSecond)} (g)` : ""];
    }],
    ["    CPU ms/delivery: machine − generator", (r) => [fmt(peerOf(r)?.cost.machineCpuMs, 2), ""]],
    ["    CPU ms/delivery: app / database", (r) => {
      const cost = peerOf(r)?.cost;
      return [cost ? `${fmt(cost.appCpuMs, 2)} / ${fmt(cost.databaseCpuMs, 2)}` : "n/a", ""];
    }],
    ["    SQL statements/delivery (+ nested)", (r) => {
      const cost = peerOf(r)?.cost;
      return [cost ? `${fmt(cost.statements, 2)} (+${fmt(cost.nestedStatements, 2)})` : "n/a", ""];
    }],
    ["    drain s, duplicates", (r) => {
      const peer = peerOf(r);
      return [peer ? `${fmt(peer.drainMs / 1000, 1)}, ${peer.duplicates}` : "n/a", ""];
    }],
  ];
}

const repeatedPercent = (fault: FaultReport | undefined) => (fault ? (fault.duplicates / Math.max(1, fault.messages)) * 100 : undefined);
const faultCells = (fault: FaultReport | undefined): [string, string] => (fault ? [`${fault.duplicates} / ${fault.messages}`, `${fmt(repeatedPercent(fault), 3)}%`] : ["n/a", ""]);

function table(reports: ModeReport[], frameworkFloor?: LoadResult): string {
  const rows: [string, (r: ModeReport, floor?: LoadResult) => [string, string]][] = [
    ["(a) raw undici, c=64: req/s", (r) => [fmt(r.raw.c64.perSecond), "1×"]],
    ["(a) raw p99, c=64: ms", (r) => [fmt(r.raw.c64.latency.p99, 2), ""]],
    ["(a) raw p99, c=16: ms", (r) => [fmt(r.raw.c16.latency.p99, 2), ""]],
    ["(b) sustained deliveries/s (2nd half)", (r) => [fmt(r.sustained?.deliveriesPerSecond), ratio(r.sustained?.deliveriesPerSecond, r.raw.c64.perSecond)]],
    ["    whole window / offered mean", (r) => [r.sustained ? `${fmt(r.sustained.deliveriesPerSecondWholeWindow)} / ${fmt(r.sustained.rateOffered)}` : "n/a", ""]],
    ["    backlog start→end (max), flat?", (r) => (r.sustained ? [`${r.sustained.backlog.start}→${r.sustained.backlog.end} (${r.sustained.backlog.max})`, r.sustained.backlog.flat ? "flat" : "GROWING"] : ["n/a", ""])],
    ["    publish p50 / p99 at (b): ms", (r) => [r.sustained ? `${fmt(r.sustained.publish.latency.p50, 1)} / ${fmt(r.sustained.publish.latency.p99, 1)}` : "n/a", ""]],
    ["    app CPU (cores) / RSS max MB", (r) => [r.sustained ? `${fmt(r.sustained.appCpuCores, 2)} / ${fmt(r.sustained.appRssMb.max)}` : "n/a", ""]],
    ["(c) publish burst req/s", (r, floor) => [fmt(r.publishBurst?.perSecond), `${ratio(r.publishBurst?.perSecond, r.raw.c64.perSecond)} ${floor ? `${ratio(r.publishBurst?.perSecond, floor.perSecond)} (g)` : ""}`.trim()]],
    ["    publish p50 / p99: ms", (r) => [r.publishBurst ? `${fmt(r.publishBurst.latency.p50, 1)} / ${fmt(r.publishBurst.latency.p99, 1)}` : "n/a", ""]],
    ["(d) publish→first attempt p50: ms", (r) => [fmt(r.latency?.publishToFirstAttempt.p50, 1), ""]],
    ["(d) publish→first attempt p99: ms", (r) => [fmt(r.latency?.publishToFirstAttempt.p99, 1), `${ratio(r.latency?.publishToFirstAttempt.p99, r.raw.c16.latency.p99)} raw p99 c16`]],
    ["    at messages/s", (r) => [fmt(r.latency?.rate), ""]],
    [`(e) fan-out ${FANOUT_ENDPOINTS}: all received ms`, (r) => [fmt(r.fanout?.receivedMs), ""]],
    [`(e) fan-out ${FANOUT_ENDPOINTS}: all recorded ms`, (r) => [fmt(r.fanout?.recordedMs), ""]],
    ["(f) route doing nothing, c=32: req/s", (r, floor) => [fmt(r.floor?.perSecond), `${ratio(r.floor?.perSecond, r.raw.c64.perSecond)} ${floor ? `${ratio(r.floor?.perSecond, floor.perSecond)} (g)` : ""}`.trim()]],
    ["(g) minimal Next.js app, c=32: req/s", (r, floor) => [fmt(floor?.perSecond), ratio(floor?.perSecond, r.raw.c64.perSecond)]],
    [`(h) sustained, ${BATCH_SIZE} msgs/publish: deliveries/s`, (r) => [fmt(r.batchSustained?.deliveriesPerSecond), ratio(r.batchSustained?.deliveriesPerSecond, r.raw.c64.perSecond)]],
    ["    backlog max, flat? / CPU ms/delivery", (r) => (r.batchSustained ? [`${r.batchSustained.backlog.max}, ${r.batchSustained.backlog.flat ? "flat" : "GROWING"} / ${fmt(r.batchSustained.cost.machineCpuMs, 2)}`, ""] : ["n/a", ""])],
    [`(i) fan-out ${LARGE_FANOUT}: all received ms`, (r) => [fmt(r.largeFanout?.receivedMs), ""]],
    [`(i) fan-out ${LARGE_FANOUT}: all recorded ms`, (r) => [fmt(r.largeFanout?.recordedMs), r.largeFanout ? `${fmt((r.largeFanout.recordedMs / LARGE_FANOUT) * 100)} ms/100` : ""]],
    ...peerRows(1, "single"),
    ...peerRows(1, "batch"),
    ...peerRows(PEER_ENDPOINTS, "single"),
    ...peerRows(PEER_ENDPOINTS, "batch"),
    ...(Number(args["scale-workers"]) > 1 ? peerRows(PEER_ENDPOINTS, "single", Number(args["scale-workers"])) : []),
    ...peerRows(PEER_ENDPOINTS, "single", 1, "inngest-server"),
    ...peerRows(1, "single", 1, "inngest-server"),
    ["/api/metrics: published, delivered, attempts (app / bench)", (r) => [r.metrics ? [r.metrics.published, r.metrics.delivered, r.metrics.attempts].map(([a, b]) => `${a}/${b}`).join(", ") : "n/a", r.metrics ? (r.metrics.ok ? "match" : "MISMATCH") : ""]],
    ["(k) SIGKILL 12 s in: repeated / messages", (r) => faultCells(r.kill)],
    ["(l) PostgreSQL restart 12 s in: repeated / messages", (r) => faultCells(r.postgresRestart)],
    ["delivered once / deliveries", (r) => [`${r.verification.deliveredExactlyOnce} / ${r.verification.deliveries}`, r.verification.verdict]],
    ["    duplicates / lost / not delivered", (r) => [`${r.verification.duplicateRequests} / ${r.verification.lostMessages} / ${r.verification.notDelivered}`, ""]],
  ];
  const header = ["figure", ...reports.flatMap((r) => [r.mode, "ratio"])];
  const body = rows.map(([label, cell]) => [label, ...reports.flatMap((r) => cell(r, frameworkFloor))]);
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...body.map(line)].join("\n");
}

type Goal = { mode: Mode; goal: string; value: string; pass: boolean | undefined };

/** The goals of issues 13 and 20, each PASS or MISS (or n/a where its figure was not measured). */
function goals(reports: ModeReport[], frameworkFloor?: LoadResult): Goal[] {
  const list: Goal[] = [];
  const check = (mode: Mode, goal: string, value: number | undefined, limit: number, atMost = false, unit = "") => {
    const measured = value !== undefined && Number.isFinite(value);
    list.push({ mode, goal, value: measured ? `${value.toFixed(value < 1 ? 3 : 2)}${unit}` : "n/a", pass: measured ? (atMost ? value <= limit : value >= limit) : undefined });
  };
  for (const r of reports) {
    const raw = r.raw.c64.perSecond;
    const per = (value: number | undefined) => (value === undefined ? undefined : value / raw);
    if (r.mode === "postgres") {
      check(r.mode, "(h) ≥ 0.10× (a)", per(r.batchSustained?.deliveriesPerSecond), 0.1, false, "×");
      check(r.mode, "(c) ≥ 0.5× (g)", r.publishBurst && frameworkFloor ? r.publishBurst.perSecond / frameworkFloor.perSecond : undefined, 0.5, false, "×");
      check(r.mode, "(d) p99 ≤ 25× raw p99 c16", r.latency ? r.latency.publishToFirstAttempt.p99 / r.raw.c16.latency.p99 : undefined, 25, true, "×");
      check(r.mode, "(i) ≤ 250 ms per 100 endpoints (quiet machine)", r.largeFanout ? (r.largeFanout.recordedMs / LARGE_FANOUT) * 100 : undefined, 250, true, " ms");
      check(r.mode, "(j) 1 endpoint ≥ 0.035× (a)", per(peerOfRun(r, 1, "single")?.deliveriesPerSecond), 0.035, false, "×");
      check(r.mode, `(j) ${PEER_ENDPOINTS} endpoints ≥ 0.11× (a)`, per(peerOfRun(r, PEER_ENDPOINTS, "single")?.deliveriesPerSecond), 0.11, false, "×");
      check(r.mode, "(j) 1 endpoint CPU ≤ 2.0 ms/delivery", peerOfRun(r, 1, "single")?.cost.machineCpuMs, 2.0, true, " ms");
      check(r.mode, `(j) ${PEER_ENDPOINTS} endpoints CPU ≤ 0.65 ms/delivery`, peerOfRun(r, PEER_ENDPOINTS, "single")?.cost.machineCpuMs, 0.65, true, " ms");
      check(r.mode, "(j) batch, 1 endpoint ≥ 0.07× (a)", per(peerOfRun(r, 1, "batch")?.deliveriesPerSecond), 0.07, false, "×");
      check(r.mode, "(j) batch, 1 endpoint CPU ≤ 0.9 ms/delivery", peerOfRun(r, 1, "batch")?.cost.machineCpuMs, 0.9, true, " ms");
      const scaled = Number(args["scale-workers"]);
      if (scaled > 1) {
        const oneWorker = peerOfRun(r, PEER_ENDPOINTS, "single")?.deliveriesPerSecond;
        const moreWorkers = peerOfRun(r, PEER_ENDPOINTS, "single", scaled)?.deliveriesPerSecond;
        check(r.mode, `(j) ${PEER_ENDPOINTS} endpoints: ${scaled} workers deliver more than 1 (ratio > 1)`, oneWorker && moreWorkers ? moreWorkers / oneWorker : undefined, 1, false, "×");
      }
      for (const endpoints of [1, PEER_ENDPOINTS]) {
        const embedded = peerOfRun(r, endpoints, "single")?.deliveriesPerSecond;
        const onServer = peerOfRun(r, endpoints, "single", 1, "inngest-server")?.deliveriesPerSecond;
        check(r.mode, `(m) ${endpoints} endpoint${endpoints > 1 ? "s" : ""} on an Inngest server ≥ 0.7× (j)`, embedded && onServer ? onServer / embedded : undefined, 0.7, false, "×");
      }
      check(r.mode, "(k) ≤ 0.05% of messages repeated after a SIGKILL", repeatedPercent(r.kill), 0.05, true, "%");
      check(r.mode, "(l) ≤ 0.05% of messages repeated after a PostgreSQL restart", repeatedPercent(r.postgresRestart), 0.05, true, "%");
    } else {
      check(r.mode, "(h) ≥ 0.02× (a)", per(r.batchSustained?.deliveriesPerSecond), 0.02, false, "×");
    }
  }
  return list;
}

// ─────────────── main ───────────────

async function main() {
  log(`modes: ${modes.join(", ")}; report in ${path.relative(ROOT, runDir)}`);
  buildDir = await prepareBuild(fs.createWriteStream(path.join(runDir, "build.log")), () => log("building the app (sources changed since the bench's last build)"));
  let frameworkFloor: LoadResult | undefined;
  if (measures("g")) {
    log("(g) the framework's floor: a minimal Next.js app, one route handler, next start, 32 in flight");
    frameworkFloor = await measureFrameworkFloor({ durationMs: seconds("raw-duration"), concurrency: 32, log: fs.createWriteStream(path.join(runDir, "framework-floor.log")), onBuild: () => log("    building it (first run or Next.js changed)") });
    log(`    ${frameworkFloor.perSecond.toFixed(0)} req/s, p99 ${frameworkFloor.latency.p99.toFixed(2)} ms`);
  }
  const reports: ModeReport[] = [];
  for (const mode of modes) {
    // a fresh receiver per mode: its counts are that mode's alone
    const receiver = await startReceiverProcess();
    running.add(receiver);
    try {
      reports.push(await runMode(mode, receiver));
    } finally {
      await receiver.stop();
      running.delete(receiver);
    }
  }
  const machine = {
    cpus: (await import("node:os")).cpus().length,
    cpuModel: (await import("node:os")).cpus()[0]?.model,
    memoryGiB: Math.round((await import("node:os")).totalmem() / 2 ** 30),
    node: process.version,
  };
  const output = {
    startedAt: new Date(runStarted).toISOString(),
    durationSeconds: (Date.now() - runStarted) / 1000,
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    machine,
    options: args,
    reports,
    frameworkFloor,
    goals: goals(reports, frameworkFloor),
    table: table(reports, frameworkFloor),
  };
  const file = path.join(outDir, `bench-${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(output, null, 2));
  console.log(`\nHookline bench — ${machine.cpus} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${output.durationSeconds.toFixed(0)} s\n`);
  console.log(output.table);
  console.log("");
  for (const goal of output.goals) console.log(`${goal.pass === undefined ? "n/a " : goal.pass ? "PASS" : "MISS"}  ${goal.mode}: ${goal.goal} — ${goal.value}`);
  for (const report of reports) {
    for (const error of report.errors) console.log(`! ${report.mode}: ${error}`);
    if (report.profile) {
      console.log(`\n${report.mode}: where the server's CPU went (self time, top)`);
      for (const row of report.profile.byArea.slice(0, 12)) console.log(`  ${row.percent.toFixed(1).padStart(5)}%  ${row.name}`);
    }
  }
  console.log(`\nreport: ${path.relative(ROOT, file)}`);
  if (reports.some((r) => !r.verification.ok)) process.exitCode = 1;
}

await main();
