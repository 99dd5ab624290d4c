/**
 * Protocol tests: the real SDK serve handler over HTTP on 127.0.0.1, driven by the executor, state in a real
 * database (in-memory PGlite, or PostgreSQL when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { UnsupportedConfigError } from "../function-config";
import { generateCredentials, signatureHeader } from "../signing";
import type { Executor } from "../executor";
import { createTestApp, createUnsupportedApp } from "./test-app";
import { startExecutorWithApp, waitForRuns } from "./harness";

const APP = "executor-test";
const fn = (id: string) => `${APP}-${id}`;

let keySeq = 0;
const newKey = () => `k${++keySeq}-${Date.now()}`;

// with checkpointing the SDK runs consecutive steps in one call and reports each result to the executor's API;
// without it every step is its own call: both paths must behave the same
describe.each([{ checkpointing: true }, { checkpointing: false }])("embedded executor driving the Inngest SDK (%o)", ({ checkpointing }) => {
  let db: TestDatabase;
  let executor: Executor;
  let app: ReturnType<typeof createTestApp>;
  let appUrl: string;
  let stop: () => Promise<void>;
  let callsOf: (runId: string) => number;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ executor, app, appUrl, callsOf, stop } = await startExecutorWithApp(
      { prisma: db.prisma, concurrency: 8, backoff: () => 100, pollIntervalMs: 200, checkpointing },
      () => createTestApp(APP),
    ));
    await executor.sync();
  });

  afterAll(async () => {
    await stop?.();
    await db?.close();
  });

  async function send(name: string, data: Record<string, unknown>, id?: string) {
    const { ids } = await executor.sendEvents({ name, data, id });
    return ids[0];
  }

  /** Polls until the event's run has pending work of this kind (a registered wait, a sleep); returns the run. */
  async function runWithPending(eventId: string, kind: "wait" | "sleep", timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [run] = await executor.listRuns({ eventId });
      const detail = run && (await executor.getRun(run.id));
      if (detail?.pending.some((work) => work.kind === kind)) return run;
      if (Date.now() > deadline) throw new Error(`the run of event ${eventId} has no pending ${kind} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("syncs every function of the app", async () => {
    const summary = await executor.sync();
    expect(summary.appId).toBe(APP);
    expect(summary.functions).toEqual(expect.arrayContaining([fn("memo"), fn("parallel"), fn("with-failure-handler-failure")]));
  });

  it("memoises step results: each step body runs once on the success path", async () => {
    const key = newKey();
    const eventId = await send("test/memo", { key });
    const [run] = await waitForRuns(executor, { eventId });
    expect(run.status).toBe("completed");
    expect(app.count(key, "a")).toBe(1);
    expect(app.count(key, "b")).toBe(1);
    // checkpointing: both steps and the return in one call; otherwise one call per step plus one to finish
    expect(callsOf(run.id)).toBe(checkpointing ? 1 : 3);
    const detail = await executor.getRun(run.id);
    expect(detail?.output).toEqual({ a: { value: 1 }, b: 2 });
    expect(detail?.steps.map((step) => [step.name, step.status, step.attempts])).toEqual([
      ["a", "completed", 1],
      ["b", "completed", 1],
    ]);
  });

  it("accepts events from the unchanged SDK client over HTTP, signed requests verified by the SDK", async () => {
    const key = newKey();
    const { ids } = await app.inngest.send({ name: "test/memo", data: { key } });
    const [run] = await waitForRuns(executor, { eventId: ids[0] });
    expect(run.status).toBe("completed");
  });

  it("starts one run for a repeated event id", async () => {
    const key = newKey();
    const id = `dup-${key}`;
    const first = await executor.sendEvents([
      { name: "test/memo", data: { key }, id },
      { name: "test/memo", data: { key }, id },
    ]);
    const second = await app.inngest.send({ name: "test/memo", data: { key }, id });
    expect(first.ids).toEqual([id, id]);
    expect(second.ids).toEqual([id]);
    const runs = await waitForRuns(executor, { eventId: id });
    expect(runs).toHaveLength(1);
    expect(app.count(key, "a")).toBe(1);
  });

  it("honours step.sleep and step.sleepUntil", async () => {
    const key = newKey();
    const untilKey = newKey();
    const until = Date.now() + 1_500;
    const [eventId, untilEventId] = await Promise.all([
      send("test/sleep", { key }),
      send("test/sleep", { key: untilKey, until: new Date(until).toISOString() }),
    ]);
    const [run] = await waitForRuns(executor, { eventId });
    const [untilRun] = await waitForRuns(executor, { eventId: untilEventId });
    expect([run.status, untilRun.status]).toEqual(["completed", "completed"]);
    const at = (k: string, what: string) => app.journal.find((entry) => entry.key === k && entry.what === what)!.at;
    expect(at(key, "after") - at(key, "before")).toBeGreaterThanOrEqual(1_000);
    expect(at(untilKey, "after")).toBeGreaterThanOrEqual(until);
    expect(app.count(key, "before")).toBe(1);
    const detail = await executor.getRun(run.id);
    expect(detail?.steps.map((step) => step.op)).toEqual(["run", "sleep", "run"]);
  });

  it("retries a failing step, then succeeds", async () => {
    const key = newKey();
    const eventId = await send("test/flaky", { key });
    const [run] = await waitForRuns(executor, { eventId });
    expect(run.status).toBe("completed");
    expect(app.count(key, "wobbly")).toBe(3);
    const detail = await executor.getRun(run.id);
    expect(detail?.output).toBe("steady");
    expect(detail?.steps[0]).toMatchObject({ name: "wobbly", attempts: 3, status: "completed" });
  });

  it("fails the run once a step's retries are exhausted", async () => {
    const key = newKey();
    const eventId = await send("test/doomed", { key });
    const [run] = await waitForRuns(executor, { eventId });
    expect(run.status).toBe("failed");
    expect(app.count(key, "never-works")).toBe(2);
    expect(run.lastError).toContain("permanently broken");
    const detail = await executor.getRun(run.id);
    expect(detail?.steps[0]).toMatchObject({ name: "never-works", status: "failed", attempts: 2 });
  });

  it("retries a function-level error with the next attempt number", async () => {
    const key = newKey();
    const eventId = await send("test/function-retry", { key });
    const [run] = await waitForRuns(executor, { eventId });
    expect(run.status).toBe("completed");
    expect(app.journal.filter((entry) => entry.key === key).map((entry) => entry.attempt)).toEqual([0, 1, 2]);
    expect((await executor.getRun(run.id))?.output).toEqual({ succeededOnAttempt: 2 });
  });

  it("fails at once on NonRetriableError", async () => {
    const key = newKey();
    const eventId = await send("test/non-retriable", { key });
    const [run] = await waitForRuns(executor, { eventId });
    expect(run.status).toBe("failed");
    expect(app.count(key, "refuse")).toBe(1);
    expect(run.lastError).toContain("this will never work");
  });

  it("waits as long as RetryAfterError asks, not the configured backoff", async () => {
    const key = newKey();
    const eventId = await send("test/retry-after", { key });
    const [run] = await waitForRuns(executor, { eventId });
    expect(run.status).toBe("completed");
    const [first, second] = app.journal.filter((entry) => entry.key === key);
    // the backoff is 100 ms; Retry-After says 1 s
    expect(second.at - first.at).toBeGreaterThanOrEqual(1_000);
  });

  it("runs parallel steps once each, then continues", async () => {
    const key = newKey();
    const eventId = await send("test/parallel", { key });
    const [run] = await waitForRuns(executor, { eventId });
    expect(run.status).toBe("completed");
    for (const part of ["p1", "p2", "p3", "sum"]) expect(app.count(key, part)).toBe(1);
    expect((await executor.getRun(run.id))?.output).toEqual({ parts: [1, 2, 3], sum: 6 });
  });

  it("resolves step.waitForEvent with a matching event, and with null on timeout", async () => {
    const id = newKey();
    const eventId = await send("test/wait", { id });
    // an event sent before the run registered its wait would not match it: wait for the registration
    await runWithPending(eventId, "wait");
    // an unrelated id must not match
    await send("test/approved", { id: "someone-else", by: "mallory" });
    await send("test/approved", { id, by: "alice" });
    const [run] = await waitForRuns(executor, { eventId });
    expect(run.status).toBe("completed");
    expect((await executor.getRun(run.id))?.output).toEqual({ approvedBy: "alice", never: null });
  });

  it("invokes another function and memoises its result", async () => {
    const eventId = await send("test/invoke", { n: 21 });
    const [run] = await waitForRuns(executor, { eventId, functionId: fn("invoker") });
    expect(run.status).toBe("completed");
    expect((await executor.getRun(run.id))?.output).toEqual({ doubled: 42 });
  });

  it("runs the onFailure handler when a function fails", async () => {
    const key = newKey();
    const eventId = await send("test/on-failure", { key });
    const [run] = await waitForRuns(executor, { eventId });
    expect(run.status).toBe("failed");
    const handlerRuns = await waitForRuns(executor, { eventId: `failed:${run.id}` });
    expect(handlerRuns[0]).toMatchObject({ functionId: fn("with-failure-handler-failure"), status: "completed" });
    expect(app.count(key, "onFailure: broken on purpose")).toBe(1);
  });

  it("keeps calls of one concurrency key one at a time, other keys in parallel", async () => {
    const ids = await Promise.all([
      send("test/limited", { group: "g1" }),
      send("test/limited", { group: "g1" }),
      send("test/limited", { group: "g1" }),
      send("test/limited", { group: "g2" }),
    ]);
    for (const eventId of ids) await waitForRuns(executor, { eventId });
    const g1 = app.journal.filter((entry) => entry.key === "g1");
    expect(g1.map((entry) => entry.what)).toEqual(["start", "end", "start", "end", "start", "end"]);
    const g2Start = app.journal.find((entry) => entry.key === "g2" && entry.what === "start")!.at;
    const g1End = g1[g1.length - 1].at;
    expect(g2Start).toBeLessThan(g1End);
  });

  it("delivers events sent from a step with step.sendEvent", async () => {
    const key = newKey();
    const eventId = await send("test/send", { key });
    await waitForRuns(executor, { eventId });
    const deadline = Date.now() + 10_000;
    while (app.count(`${key}-sent`, "b") === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(app.count(`${key}-sent`, "b")).toBe(1);
  });

  it("schedules cron triggers", async () => {
    const items = await db.prisma.executorQueueItem.findMany({ where: { kind: "cron", functionId: fn("ticker") } });
    expect(items).toHaveLength(1);
    expect(items[0].availableAt.getTime()).toBeGreaterThan(Date.now());
    expect(items[0].availableAt.getUTCMinutes() % 5).toBe(0);
  });

  it("lists runs with status, attempts, next due time and last error", async () => {
    // RetryAfterError holds the retry back for a second: a wide window to look at it
    const key = newKey();
    const eventId = await send("test/retry-after", { key });
    const deadline = Date.now() + 10_000;
    let retrying;
    while (!retrying && Date.now() < deadline) {
      [retrying] = (await executor.listRuns({ eventId })).filter((run) => run.attempt > 0);
      if (!retrying) await new Promise((r) => setTimeout(r, 20));
    }
    expect(retrying).toMatchObject({ status: "running", functionId: fn("retry-after"), attempt: 1 });
    expect(retrying?.lastError).toContain("slow down");
    expect(retrying?.nextDueAt?.getTime()).toBeGreaterThan(Date.now() - 1_000);
    const detail = await executor.getRun(retrying!.id);
    expect(detail?.pending).toEqual([expect.objectContaining({ kind: "call", attempt: 1, stepName: "rate-limited", lastError: expect.stringContaining("slow down") })]);
    await waitForRuns(executor, { eventId });
    const completed = await executor.listRuns({ status: "completed", functionId: fn("retry-after") });
    expect(completed.map((run) => run.id)).toContain(retrying!.id);
    expect(await executor.listRuns({ status: "failed", functionId: fn("retry-after") })).toEqual([]);
  });

  it("cancels a sleeping run", async () => {
    const eventId = await send("test/sleep", { key: newKey(), until: new Date(Date.now() + 60_000).toISOString() });
    const sleeping = await runWithPending(eventId, "sleep");
    expect(await executor.cancelRun(sleeping.id)).toBe(true);
    const detail = await executor.getRun(sleeping.id);
    expect(detail).toMatchObject({ status: "cancelled", pending: [] });
  });

  it("leaves the SDK verifying signatures: a request signed with another key is refused", async () => {
    const body = JSON.stringify({ url: appUrl });
    const forged = signatureHeader(body, generateCredentials().signingKey);
    const response = await request(appUrl, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band", "x-inngest-signature": forged },
      body,
    });
    expect(response.statusCode).toBe(401);
    await response.body.dump();
  });

  it("prunes finished runs and old events", async () => {
    const key = newKey();
    const eventId = await send("test/memo", { key });
    const [run] = await waitForRuns(executor, { eventId });
    const pruned = await executor.prune(new Date(Date.now() + 1_000));
    expect(pruned.runs).toBeGreaterThan(0);
    expect(pruned.events).toBeGreaterThan(0);
    expect(await executor.getRun(run.id)).toBeNull();
    expect(await db.prisma.executorStep.count({ where: { runId: run.id } })).toBe(0);
  });

  it("refuses the wrong event key over HTTP", async () => {
    const response = await request(`${executor.origin}/e/not-the-key`, { method: "POST", body: "[]" });
    expect(response.statusCode).toBe(401);
    await response.body.dump();
  });

  it("refuses at sync a function config it cannot honour, naming the function and the feature", async () => {
    // same keys as the main executor, so the main app keeps verifying requests while the environment is swapped
    const unsupported = await startExecutorWithApp(
      { prisma: db.prisma, signingKey: process.env.INNGEST_SIGNING_KEY, eventKey: process.env.INNGEST_EVENT_KEY },
      createUnsupportedApp,
    );
    try {
      const error = await unsupported.executor.sync().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedConfigError);
      const message = (error as Error).message;
      expect(message).toContain('function "unsupported-test-rate-limited" uses rate limiting (rateLimit)');
      expect(message).toContain('function "unsupported-test-debounced" uses debouncing (debounce)');
      await expect(unsupported.executor.whenReady()).rejects.toBeInstanceOf(UnsupportedConfigError);
    } finally {
      await unsupported.stop();
    }
  });
});

describe("an executor whose poll would come far too late", () => {
  it("wakes a step.sleep with its own timer", async () => {
    const db = await createTestDatabase();
    // a run finished well within the test's budget can only have been woken by the timer of its sleep
    const { executor, app, stop } = await startExecutorWithApp(
      { prisma: db.prisma, backoff: () => 100, pollIntervalMs: 10 * 60_000 },
      () => createTestApp(APP),
    );
    try {
      await executor.sync();
      const key = newKey();
      const eventId = await executor.sendEvents({ name: "test/sleep", data: { key } }).then(({ ids }) => ids[0]!);
      const [run] = await waitForRuns(executor, { eventId }, 30_000);
      expect(run.status).toBe("completed");
      expect(app.count(key, "after")).toBe(1);
    } finally {
      await stop();
      await db.close();
    }
  });
});
