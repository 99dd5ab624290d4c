/**
 * The app process is SIGKILLed while messages are being published and delivered, and while a delivery waits
 * out its backoff; a new process on the same database (PGlite directory or PostgreSQL) takes over. Nothing
 * acknowledged is lost, nothing is recorded that was not sent, and a resent request shows up as what it is.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireEventType } from "@/server/catalog";
import { startReceiver, type Receiver } from "@/test/http-receiver";
import { appSecrets, createSharedDatabase, eventually, profile, publisherFor, publishToCurrentApp, seedPublisher, sleep, startPipelineApp, type AppProcess, type SharedDatabase } from "./support";

const RATE = profile(20, 40);
/** between restarts (the first kill comes as soon as deliveries flow and the backoff delivery sleeps) */
const BETWEEN_KILLS_MS = profile(0, 30_000);
const AFTER_RESTART_MS = profile(5_000, 30_000);
const KILLS = profile(1, 3);
/** the backoff delivery's wait after its failing first attempt: the first kill must land inside it */
const BACKOFF_SECONDS = 15;
/** the executor's calls in flight at once: at most this many sends can be cut off between send and record */
const EXECUTOR_CONCURRENCY = 16;

let database: SharedDatabase;
let steady: Receiver;
let flaky: Receiver;
const secrets = appSecrets();
const fixture = { tenantId: "", apiKey: "", steadyEndpointId: "", flakyEndpointId: "" };
const apps: AppProcess[] = [];

beforeAll(async () => {
  steady = await startReceiver();
  // the first request of each message fails, every later one succeeds: one backoff per delivery
  const seen = new Set<string>();
  flaky = await startReceiver((request) => {
    const id = String(request.headers["x-hookline-message-id"]);
    if (seen.has(id)) return { status: 200 };
    seen.add(id);
    return { status: 500 };
  });
  database = await createSharedDatabase();
  const handle = await database.open();
  try {
    const { tenantId, apiKey, endpointIds } = await seedPublisher(handle.prisma, {
      secrets,
      keyName: "crash",
      endpoints: [
        { url: steady.url, enabled_events: ["RiskAssessmentCalculated"], retry_count: 5, retry_interval: 1 },
        // long enough a backoff that the first kill lands inside it on a loaded machine (asserted below)
        { url: flaky.url, enabled_events: ["ProfileStatusUpdated"], retry_count: 2, retry_interval: BACKOFF_SECONDS },
      ],
    });
    const [steadyEndpointId, flakyEndpointId] = endpointIds;
    Object.assign(fixture, { tenantId, apiKey, steadyEndpointId, flakyEndpointId });
  } finally {
    await handle.close();
  }
});

afterAll(async () => {
  for (const app of apps) await app.kill("SIGKILL");
  await steady?.close();
  await flaky?.close();
  await database?.close();
});

function messageIdOf(request: { headers: Record<string, string | string[] | undefined> }) {
  return String(request.headers["x-hookline-message-id"]);
}

describe("app process SIGKILLed under load", () => {
  it("loses no acknowledged message, records every attempt it made, and finishes a delivery killed in backoff", async () => {
    const env = { ...secrets };
    let app = await startPipelineApp(database, env);
    apps.push(app);
    const publisher = publishToCurrentApp(RATE, () => app.origin, fixture.apiKey);

    // a delivery that failed once and now sleeps in its backoff when the process dies
    const waiter = publisherFor(app.origin, fixture.apiKey, 1);
    const backoffMessage = await waiter.publish("ProfileStatusUpdated", requireEventType("ProfileStatusUpdated").example);
    await waiter.close();
    expect(backoffMessage).toBeDefined();
    await eventually(async () => (flaky.received.length >= 1 ? true : undefined), "the first, failing attempt of the backoff delivery");

    const firstAttemptAt = flaky.received[0]!.receivedAt;
    let firstKilledAt = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      await sleep(kill === 0 ? 0 : BETWEEN_KILLS_MS);
      const before = steady.received.length;
      await eventually(async () => (steady.received.length >= before + 10 ? true : undefined), "deliveries to flow before the kill");
      if (kill === 0) {
        // the process dies while the delivery sleeps: its second attempt has not been made
        expect(flaky.received, "no second attempt before the kill").toHaveLength(1);
      }
      await app.kill("SIGKILL");
      if (kill === 0) firstKilledAt = Date.now();
      app = await startPipelineApp(database, env);
      apps.push(app);
    }
    await sleep(AFTER_RESTART_MS);
    await publisher.stop();

    // every acknowledged message arrives, and the backoff delivery completes after its wait
    await eventually(
      async () => {
        const got = new Set(steady.received.map(messageIdOf));
        return [...publisher.acknowledged].every((id) => got.has(id)) ? true : undefined;
      },
      "every acknowledged message to reach the receiver",
      120_000,
      250,
    );
    await eventually(async () => (flaky.received.length >= 2 ? true : undefined), "the backoff delivery's second attempt", 60_000);
    // the killed process had begun the durable sleep; a later process ended it, no earlier than it was due
    expect(firstKilledAt - firstAttemptAt, "the kill landed inside the backoff (ms after the first attempt)").toBeLessThan(BACKOFF_SECONDS * 1000);
    expect(flaky.received[1]!.receivedAt - firstAttemptAt, "the second attempt waited out the backoff").toBeGreaterThanOrEqual(BACKOFF_SECONDS * 1000 - 1000);
    // let attempts in flight be recorded, then stop cleanly so the database can be opened here
    await eventually(async () => ((await app.stats()).backlog === 0 ? true : undefined), "the backlog to drain", 60_000, 250);
    await app.kill("SIGTERM");

    const handle = await database.open();
    try {
      const messages = await handle.prisma.message.findMany({
        where: { tenantId: fixture.tenantId },
        include: { deliveries: { include: { attempts: { orderBy: { number: "asc" } } } } },
      });
      const byId = new Map(messages.map((m) => [m.id, m]));
      const receivedPerMessage = new Map<string, number>();
      for (const request of steady.received) receivedPerMessage.set(messageIdOf(request), (receivedPerMessage.get(messageIdOf(request)) ?? 0) + 1);

      // nothing acknowledged is missing; whatever was committed without an answer (cut by the kill) is delivered too
      for (const id of publisher.acknowledged) expect(byId.has(id), `acknowledged message ${id} is stored`).toBe(true);
      let sentButNotRecorded = 0;
      let duplicates = 0;
      for (const message of messages) {
        if (message.eventType !== "RiskAssessmentCalculated") continue;
        expect(message.deliveries).toHaveLength(1);
        const delivery = message.deliveries[0]!;
        const received = receivedPerMessage.get(message.id) ?? 0;
        expect(delivery.status, `delivery of ${message.id}`).toBe("succeeded");
        expect(received, `requests for ${message.id}`).toBeGreaterThanOrEqual(1);
        // never a recorded attempt that was not sent; attempts are numbered 1..n without gaps
        expect(delivery.attempts.length).toBeLessThanOrEqual(received);
        expect(delivery.attempts.map((a) => a.number)).toEqual(delivery.attempts.map((_, i) => i + 1));
        expect(delivery.attempts.at(-1)!.succeeded).toBe(true);
        duplicates += received - 1;
        // a request the process sent but died before recording: at most one per delivery and kill
        expect(received - delivery.attempts.length).toBeLessThanOrEqual(KILLS);
        sentButNotRecorded += received - delivery.attempts.length;
      }
      // only sends in flight at a kill can go unrecorded
      expect(sentButNotRecorded).toBeLessThanOrEqual(EXECUTOR_CONCURRENCY * KILLS);

      const backoff = byId.get(backoffMessage!)!;
      expect(backoff.deliveries[0]!.status).toBe("succeeded");
      expect(backoff.deliveries[0]!.attempts.map((a) => [a.number, a.responseStatus])).toEqual([
        [1, 500],
        [2, 200],
      ]);
      expect(flaky.received.filter((r) => messageIdOf(r) === backoffMessage)).toHaveLength(2);

      console.info(
        `[reliability] crash-restart: ${publisher.acknowledged.length} acknowledged, ${publisher.refused()} refused while down, ` +
          `${messages.length - 1} stored, ${duplicates} duplicate requests (${sentButNotRecorded} sent but cut off before recording); ` +
          `first kill ${firstKilledAt - firstAttemptAt} ms into the ${BACKOFF_SECONDS} s backoff`,
      );
    } finally {
      await handle.close();
    }
  }, profile(240_000, 600_000));
});
