/**
 * The embedded wiring as an app server uses it: started once per process, INNGEST_* written into the
 * environment before the app's client exists, app synced in the background, stopped cleanly.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { startEmbeddedExecutor, stopEmbeddedExecutor } from "../start-embedded";
import { createTestApp } from "./test-app";
import { listenForApp, waitForRuns } from "./harness";

const logger = { debug() {}, info() {}, warn() {}, error() {} };
const INNGEST_VARIABLES = ["INNGEST_BASE_URL", "INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "INNGEST_DEV"];
let db: TestDatabase;
const saved = Object.fromEntries(INNGEST_VARIABLES.map((name) => [name, process.env[name]]));

beforeAll(async () => {
  db = await createTestDatabase();
  for (const name of INNGEST_VARIABLES) delete process.env[name];
});

afterAll(async () => {
  await stopEmbeddedExecutor();
  await db?.close();
  for (const name of INNGEST_VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

it("refuses to start beside a real Inngest server's settings", async () => {
  process.env.INNGEST_SIGNING_KEY = "signkey-prod-0123";
  await expect(startEmbeddedExecutor({ prisma: db.prisma, appUrl: "http://127.0.0.1:1/api/inngest" })).rejects.toThrow(/Inngest server/);
  delete process.env.INNGEST_SIGNING_KEY;
});

it("starts once per process, points the SDK at itself and runs the app's functions", async () => {
  const served = await listenForApp();
  try {
    const [executor, again] = await Promise.all([
      startEmbeddedExecutor({ prisma: db.prisma, appUrl: served.url, logger }),
      startEmbeddedExecutor({ prisma: db.prisma, appUrl: served.url, logger }),
    ]);
    expect(again).toBe(executor);
    expect(process.env.INNGEST_BASE_URL).toBe(`${executor.origin}/`);
    expect(process.env.INNGEST_SIGNING_KEY).toMatch(/^signkey-embedded-[0-9a-f]{64}$/);

    // the app comes up after the executor, as a Next server does after instrumentation
    const app = createTestApp();
    served.bind(app.inngest, app.functions);
    await executor.whenReady();
    const { ids } = await app.inngest.send({ name: "test/memo", data: { key: "embedded" } });
    const [run] = await waitForRuns(executor, { eventId: ids[0] });
    expect(run.status).toBe("completed");

    await stopEmbeddedExecutor();
    const restarted = await startEmbeddedExecutor({ prisma: db.prisma, appUrl: served.url, logger });
    expect(restarted).not.toBe(executor);
    // the variables written by the first start are reused: same port and keys, so the app needs no restart
    expect(restarted.origin).toBe(executor.origin);
  } finally {
    await stopEmbeddedExecutor();
    await served.close();
  }
});
