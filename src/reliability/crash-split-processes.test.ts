/**
 * The web and worker processes of a PostgreSQL install (`npm start` runs them apart) are each SIGKILLed under
 * batch load (`POST /api/v2/messages/batch`) and started again on the same database and executor address:
 * nothing acknowledged is lost, whatever was committed without an answer is delivered too, and every request
 * the receiver got is either recorded or one of the few in flight at the kill.
 *
 * - worker killed: the web process keeps acknowledging (its hand-over to the dead executor fails and leaves
 *   the deliveries unsent); the restarted worker's start-up sweep sends them, leases of the killed executor's
 *   runs expire and are taken over.
 * - web killed: batches in flight are cut; what was committed but not handed over is the minute sweep's.
 *
 * PostgreSQL only (DATABASE_URL set): the embedded database opens in one process, so there is nothing to split.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReceiver, type Receiver } from "@/test/http-receiver";
import {
  appSecrets,
  checkDeliveredOnce,
  createSharedDatabase,
  eventually,
  profile,
  publishToCurrentApp,
  seedPublisher,
  sleep,
  startPipelineApp,
  workerExecutorEnvironment,
  type AppProcess,
  type SharedDatabase,
} from "./support";

const EVENT = "RiskAssessmentCalculated";
/** batches per second, of BATCH_SIZE messages each */
const BATCHES_PER_SECOND = profile(2, 4);
const BATCH_SIZE = 25;
const AFTER_RESTART_MS = profile(5_000, 30_000);
/** the minute sweep sends what a killed web process committed but never handed over (30 s grace) */
const DRAIN_MS = 180_000;

let database: SharedDatabase;
const secrets = appSecrets();
const started: AppProcess[] = [];

beforeAll(async () => {
  if (process.env.DATABASE_URL) database = await createSharedDatabase();
});

afterAll(async () => {
  for (const app of started) await app.kill("SIGKILL");
  await database?.close();
});

async function start(env: Record<string, string>, role: "web" | "worker") {
  const app = await startPipelineApp(database, env, role);
  started.push(app);
  return app;
}

/**
 * One web and one worker under batch load; `victim` is SIGKILLed once deliveries flow and started again at
 * once. Returns what the receiver and the database show once everything acknowledged has arrived.
 */
async function killUnderBatchLoad(victim: "web" | "worker") {
  const receiver: Receiver = await startReceiver();
  const handle = await database.open();
  const { tenantId, apiKey } = await seedPublisher(handle.prisma, {
    secrets,
    keyName: `crash-${victim}`,
    endpoints: [{ url: receiver.url, enabled_events: [EVENT], retry_count: 5, retry_interval: 1 }],
  });
  await handle.close();
  const env = { ...secrets, ...(await workerExecutorEnvironment()) };
  let worker = await start(env, "worker");
  let web = await start(env, "web");
  const load = publishToCurrentApp(BATCHES_PER_SECOND, () => web.origin, apiKey, BATCH_SIZE);
  try {
    await eventually(async () => (receiver.received.length >= BATCH_SIZE * 2 ? true : undefined), "deliveries to flow before the kill");
    const before = receiver.received.length;
    if (victim === "worker") {
      await worker.kill("SIGKILL");
      // the web process goes on acknowledging batches while no worker runs
      await sleep(2_000);
      worker = await start(env, "worker");
    } else {
      await web.kill("SIGKILL");
      web = await start(env, "web");
    }
    await eventually(async () => (receiver.received.length >= before + BATCH_SIZE * 2 ? true : undefined), "deliveries to flow after the restart");
    await sleep(AFTER_RESTART_MS);
  } finally {
    await load.stop();
  }

  const handleAfter = await database.open();
  try {
    // everything stored (acknowledged or cut off unanswered) arrives and is recorded
    await eventually(
      async () => {
        const open = await handleAfter.prisma.delivery.count({ where: { tenantId, status: { not: "succeeded" } } });
        return open === 0 ? true : undefined;
      },
      "every stored message to be delivered and recorded",
      DRAIN_MS,
      500,
    );
    const check = await checkDeliveredOnce(handleAfter.prisma, { tenantId, eventType: EVENT, acknowledged: load.acknowledged, received: receiver.received, kills: 1 });
    console.info(
      `[reliability] ${victim} SIGKILLed under batch load: ${load.acknowledged.length} acknowledged, ${load.refused()} refused, ${check.stored} stored, ` +
        `${check.duplicates} duplicate requests (${check.sentButNotRecorded} sent but cut off before recording)`,
    );
    return { ...check, acknowledged: load.acknowledged.length };
  } finally {
    await handleAfter.close();
    await web.kill("SIGTERM");
    await worker.kill("SIGTERM");
    await receiver.close();
  }
}

describe.skipIf(!process.env.DATABASE_URL)("web and worker processes SIGKILLed under batch load (PostgreSQL)", () => {
  it(
    "worker killed: loses nothing acknowledged while it is down, repeats only sends in flight at the kill",
    async () => {
      const result = await killUnderBatchLoad("worker");
      expect(result.problems).toEqual([]);
      expect(result.acknowledged).toBeGreaterThan(BATCH_SIZE * 4);
    },
    profile(300_000, 600_000),
  );

  it(
    "web killed: loses nothing acknowledged, and delivers what was committed without an answer",
    async () => {
      const result = await killUnderBatchLoad("web");
      expect(result.problems).toEqual([]);
      expect(result.acknowledged).toBeGreaterThan(BATCH_SIZE * 4);
    },
    profile(300_000, 600_000),
  );
});
