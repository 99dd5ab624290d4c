/**
 * Soak: the pipeline in its own process (fixtures/pipeline-app.ts) takes a moderate, steady publish rate for a
 * while. Its memory stays bounded, its backlog does not pile up, and every message arrives exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReceiver, type Receiver } from "@/test/http-receiver";
import { appSecrets, createSharedDatabase, eventually, profile, publishAtRate, publisherFor, seedPublisher, sleep, startPipelineApp, type AppProcess, type SharedDatabase } from "./support";

const RATE = profile(10, 25);
const DURATION_MS = profile(30_000, 300_000);
const MB = 2 ** 20;

let database: SharedDatabase;
let receiver: Receiver;
let app: AppProcess | undefined;
const secrets = appSecrets();
const fixture = { tenantId: "", apiKey: "" };

beforeAll(async () => {
  receiver = await startReceiver();
  database = await createSharedDatabase();
  const handle = await database.open();
  try {
    const { tenantId, apiKey } = await seedPublisher(handle.prisma, {
      secrets,
      keyName: "soak",
      endpoints: [{ url: receiver.url, enabled_events: ["RiskAssessmentCalculated"] }],
    });
    Object.assign(fixture, { tenantId, apiKey });
  } finally {
    await handle.close();
  }
});

afterAll(async () => {
  await app?.kill("SIGKILL");
  await receiver?.close();
  await database?.close();
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

describe("soak", () => {
  it(`holds memory and backlog steady at ${RATE} messages/s, delivering each exactly once`, async () => {
    app = await startPipelineApp(database, { ...secrets, PIPELINE_LEASE_MS: "30000" });
    const publisher = publisherFor(app.origin, fixture.apiKey, 8);
    const load = publishAtRate(RATE, () => publisher);
    const { acknowledged } = load;
    const samples: { t: number; rss: number; backlog: number }[] = [];
    const started = Date.now();
    let nextSample = started;
    while (Date.now() - started < DURATION_MS) {
      if (Date.now() >= nextSample) {
        nextSample += 1_000;
        const stats = await app.stats();
        samples.push({ t: (Date.now() - started) / 1000, rss: stats.rss, backlog: stats.backlog });
      }
      await sleep(20);
    }
    await load.stop();
    await publisher.close();
    const refused = load.refused();
    const backlogAtEnd = (await app.stats()).backlog;
    await eventually(async () => ((await app!.stats()).backlog === 0 ? true : undefined), "the backlog to drain after the soak", 120_000, 250);

    // memory: after warm-up, the last third of the run uses no more than the middle third, give or take
    const third = Math.floor(samples.length / 3);
    const middle = samples.slice(third, 2 * third).map((s) => s.rss);
    const last = samples.slice(2 * third).map((s) => s.rss);
    console.info(
      `[reliability] soak: ${acknowledged.length} published (${refused} refused) in ${DURATION_MS / 1000} s; RSS median ` +
        `${(median(middle) / MB).toFixed(0)} MB → ${(median(last) / MB).toFixed(0)} MB (max ${(Math.max(...last) / MB).toFixed(0)} MB); ` +
        `backlog max ${Math.max(...samples.map((s) => s.backlog))}, at end ${backlogAtEnd}`,
    );
    expect(refused).toBe(0);
    expect(median(last)).toBeLessThan(median(middle) * 1.3 + 64 * MB);
    // the backlog never piles up: at the end of the run it holds less than 15 s of the offered load
    expect(backlogAtEnd).toBeLessThan(RATE * 15);

    // exactly once: one request per message at the receiver, one successful attempt per delivery
    const perMessage = new Map<string, number>();
    for (const request of receiver.received) {
      const id = String(request.headers["x-hookline-message-id"]);
      perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
    }
    expect(perMessage.size).toBe(acknowledged.length);
    for (const id of acknowledged) expect(perMessage.get(id), `requests for ${id}`).toBe(1);

    await app.kill("SIGTERM");
    const handle = await database.open();
    try {
      const statuses = await handle.prisma.delivery.groupBy({ by: ["status"], where: { tenantId: fixture.tenantId }, _count: true });
      expect(statuses.map((s) => [s.status, s._count])).toEqual([["succeeded", acknowledged.length]]);
      expect(await handle.prisma.attempt.count({ where: { tenantId: fixture.tenantId } })).toBe(acknowledged.length);
    } finally {
      await handle.close();
    }
  }, profile(180_000, 900_000));
});
