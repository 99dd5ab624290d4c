/**
 * Does a second worker add capacity? The same load against one web process and 1, then 2, worker processes on
 * one PostgreSQL (each run on a fresh database): 32 publishers in a closed loop, one message per request, to one
 * endpoint on a receiver process, then a drain. Prints deliveries/s (acknowledged messages over the time until
 * the last one arrived), duplicates, the CPU each process used (cores, and ms per delivery), and what the app's
 * database sessions waited on (sampled every 50 ms: row or advisory lock waits would show contention between
 * executors). Everything on 127.0.0.1.
 *
 *   DATABASE_URL=postgresql://… npx tsx --conditions react-server scripts/bench/scale-out.ts [--seconds 20] [--workers 1,2] [--batch 100]
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { request } from "undici";
import { appSecrets, createSharedDatabase, eventually, publisherFor, riskPayload, seedPublisher, startPipelineApp, workerExecutorEnvironment, type AppProcess } from "../../src/reliability/support.ts";
import { closedLoop } from "./load.ts";
import { cpuSeconds, startReceiverProcess, type ReceiverProcess } from "./processes.ts";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    workers: { type: "string", default: "1,2" },
    concurrency: { type: "string", default: "32" },
    // messages per request: above 1, POST /api/v2/messages/batch
    batch: { type: "string", default: "1" },
  },
});

/** busy and total jiffies of the whole machine (every core), from /proc/stat */
function machineJiffies(): { busy: number; total: number } {
  const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  // idle + iowait
  return { busy: total - fields[3]! - fields[4]!, total };
}

async function receiverStats(receiver: ReceiverProcess): Promise<{ webhooks: number; keys: number; duplicates: number }> {
  const response = await request(`${receiver.origin}/__control/stats`);
  return (await response.body.json()) as { webhooks: number; keys: number; duplicates: number };
}

const batchSize = Number(args.batch);
// the app processes' secrets; seeding in this process reads the environment too (tenant quotas)
const secrets = appSecrets();
Object.assign(process.env, secrets);
// the executor's production lease (the reliability fixtures shorten it so a killed process's work resumes
// quickly; on a loaded machine a short lease also expires under a long batch run, which then runs twice)
process.env.PIPELINE_LEASE_MS = "30000";

/** Samples what the database's active sessions wait on until stopped: `Lock:tuple` 12 = twelve samples of one session waiting for a row lock. */
function sampleWaits(url: string) {
  const client = new pg.Client({ connectionString: url });
  const waits: Record<string, number> = {};
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    await client.connect();
    while (!stopped) {
      const { rows } = await client.query<{ wait: string; n: string }>(
        // a lock wait is named with the statement that waits, to find what two executors contend on
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'running')
                  || CASE WHEN wait_event_type = 'Lock' THEN ' ' || left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 90) ELSE '' END AS wait,
                count(*) AS n FROM pg_stat_activity
         WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() GROUP BY 1`,
      );
      for (const row of rows) waits[row.wait] = (waits[row.wait] ?? 0) + Number(row.n);
      samples++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.end();
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { samples, waits };
    },
  };
}

async function runWith(workerCount: number, receiver: ReceiverProcess) {
  const database = await createSharedDatabase();
  const handle = await database.open();
  const { apiKey } = await seedPublisher(handle.prisma, {
    secrets,
    keyName: "scale-out",
    endpoints: [{ url: `${receiver.origin}/scale-out`, enabled_events: ["RiskAssessmentCalculated"] }],
  });
  await handle.close();
  // one executor per worker, each on its own intake port; the web process publishes to the first one's
  const executorEnvs = await Promise.all(Array.from({ length: workerCount }, () => workerExecutorEnvironment()));
  const workers: AppProcess[] = [];
  for (const executorEnv of executorEnvs) workers.push(await startPipelineApp(database, { ...secrets, ...executorEnv }, "worker"));
  const web = await startPipelineApp(database, { ...secrets, ...executorEnvs[0]!, HOOKLINE_MAX_REQUESTS_PER_SECOND_PER_HOST: "1000000" }, "web");
  const processes = [{ name: "web", pid: web.pid }, ...workers.map((worker, i) => ({ name: `worker ${i + 1}`, pid: worker.pid }))];

  const before = { stats: await receiverStats(receiver), machine: machineJiffies(), cpu: processes.map((p) => cpuSeconds(p.pid)) };
  const sampler = sampleWaits(database.target);
  const publisher = publisherFor(web.origin, apiKey, Number(args.concurrency));
  const acknowledged: string[] = [];
  let n = 0;
  const started = performance.now();
  const load = await closedLoop({
    concurrency: Number(args.concurrency),
    durationMs: Number(args.seconds) * 1000,
    send: async () => {
      const ids =
        batchSize === 1
          ? [await publisher.publish("RiskAssessmentCalculated", riskPayload(n++))]
          : await publisher.publishBatch("RiskAssessmentCalculated", Array.from({ length: batchSize }, () => riskPayload(n++)));
      const accepted = ids?.filter((id) => id !== undefined) ?? [];
      acknowledged.push(...accepted);
      return accepted.length > 0;
    },
  });
  await eventually(async () => ((await receiverStats(receiver)).keys - before.stats.keys >= acknowledged.length ? true : undefined), "the drain", 300_000, 100);
  const drainedAfterMs = performance.now() - started;
  const after = { stats: await receiverStats(receiver), machine: machineJiffies(), cpu: processes.map((p) => cpuSeconds(p.pid)) };
  await publisher.close();
  const sessionWaits = await sampler.stop();
  for (const app of [web, ...workers]) await app.kill("SIGTERM");
  await database.close();

  const seconds = drainedAfterMs / 1000;
  const machineBusy = (after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total);
  return {
    workers: workerCount,
    batchSize,
    published: acknowledged.length,
    publishPerSecond: Math.round(load.perSecond),
    deliveriesPerSecond: Math.round(acknowledged.length / seconds),
    duplicates: after.stats.duplicates - before.stats.duplicates,
    seconds: Number(seconds.toFixed(1)),
    cpuCoresPerProcess: Object.fromEntries(processes.map((p, i) => [p.name, Number(((after.cpu[i]! - before.cpu[i]!) / seconds).toFixed(2))])),
    cpuMsPerDelivery: Object.fromEntries(processes.map((p, i) => [p.name, Number((((after.cpu[i]! - before.cpu[i]!) * 1000) / acknowledged.length).toFixed(2))])),
    sessionWaits,
    machineBusyPercent: Math.round(machineBusy * 100),
  };
}

const receiver = await startReceiverProcess();
try {
  for (const count of args.workers.split(",").map(Number)) console.log(JSON.stringify(await runWith(count, receiver)));
} finally {
  await receiver.stop();
}
