/**
 * Per-key ordering across a crash: the app process is SIGKILLed while two keys' deliveries to two endpoints are
 * mid-sequence (some delivered, one waiting out a backoff), and a new process on the same database takes over.
 * Each endpoint still receives each key's messages in publish order, every retry of one before the next.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReceiver, type ReceivedRequest, type Receiver } from "@/test/http-receiver";
import { appSecrets, createSharedDatabase, eventually, seedPublisher, startPipelineApp, type AppProcess, type SharedDatabase } from "./support";

const KEYS = ["lane-a", "lane-b"];
const PER_KEY = 8;
const BACKOFF_SECONDS = 2;

let database: SharedDatabase;
const receivers: Receiver[] = [];
const secrets = appSecrets();
const fixture = { tenantId: "", apiKey: "" };
const apps: AppProcess[] = [];

function sequenceOf(request: ReceivedRequest): { key: string; index: number } {
  return (JSON.parse(request.body) as { data: { meta: { key: string; index: number } } }).data.meta;
}

beforeAll(async () => {
  for (let n = 0; n < 2; n++) {
    // every third message fails its first request: its lane waits out a durable backoff, which the kill may cut
    const seen = new Set<string>();
    receivers.push(
      await startReceiver((request) => {
        const { key, index } = sequenceOf(request);
        const first = !seen.has(`${key}/${index}`);
        seen.add(`${key}/${index}`);
        return first && index % 3 === 1 ? { status: 500 } : { status: 200, delayMs: 100 };
      }),
    );
  }
  database = await createSharedDatabase();
  const handle = await database.open();
  try {
    const seeded = await seedPublisher(handle.prisma, {
      secrets,
      keyName: "ordering",
      endpoints: receivers.map((receiver) => ({ url: receiver.url, enabled_events: ["session.submitted"], retry_count: 3, retry_interval: BACKOFF_SECONDS })),
    });
    Object.assign(fixture, { tenantId: seeded.tenantId, apiKey: seeded.apiKey });
  } finally {
    await handle.close();
  }
});

afterAll(async () => {
  for (const app of apps) await app.kill("SIGKILL");
  for (const receiver of receivers) await receiver.close();
  await database?.close();
});

async function publish(origin: string, key: string, index: number) {
  const response = await fetch(`${origin}/api/v2/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${fixture.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      event_type: "session.submitted",
      payload: { sessionId: `${key}-${index}`, date: "2026-01-01T10:00:00Z", integrations: [], meta: { key, index } },
      ordering_key: key,
    }),
  });
  expect(response.status, await response.clone().text()).toBe(202);
}

describe("ordering keys across a SIGKILL", () => {
  it("keeps each key's order at each endpoint when the process dies mid-sequence", async () => {
    let app = await startPipelineApp(database, { ...secrets });
    apps.push(app);
    for (let index = 0; index < PER_KEY; index++) for (const key of KEYS) await publish(app.origin, key, index);

    // mid-sequence: a few messages of each lane have arrived, not all
    await eventually(async () => (receivers.every((receiver) => receiver.received.length >= 4) ? true : undefined), "deliveries to start");
    const arrivedBeforeKill = receivers.map((receiver) => receiver.received.length);
    await app.kill("SIGKILL");
    expect(arrivedBeforeKill.every((count) => count < KEYS.length * PER_KEY), `killed mid-sequence (${arrivedBeforeKill.join(", ")} requests in)`).toBe(true);

    app = await startPipelineApp(database, { ...secrets });
    apps.push(app);
    await eventually(async () => ((await app.stats()).backlog === 0 ? true : undefined), "every delivery to finish", 120_000, 250);
    await app.kill("SIGTERM");

    for (const [n, receiver] of receivers.entries()) {
      for (const key of KEYS) {
        const arrivals = receiver.received.map(sequenceOf).filter((request) => request.key === key).map((request) => request.index);
        // a request cut off by the kill may be sent again (at least once), but never after a later message's
        expect(arrivals, `arrival order of ${key} at endpoint ${n}`).toEqual([...arrivals].sort((a, b) => a - b));
        expect(new Set(arrivals)).toEqual(new Set(Array.from({ length: PER_KEY }, (_, index) => index)));
      }
    }
    const handle = await database.open();
    try {
      const deliveries = await handle.prisma.delivery.findMany({ where: { tenantId: fixture.tenantId } });
      expect(deliveries).toHaveLength(KEYS.length * PER_KEY * receivers.length);
      expect(deliveries.every((delivery) => delivery.status === "succeeded")).toBe(true);
    } finally {
      await handle.close();
    }
    console.info(`[reliability] ordering-crash: killed after ${arrivedBeforeKill.join(" and ")} requests; ${receivers.map((r) => r.received.length).join(" and ")} in all`);
  }, 300_000);
});
