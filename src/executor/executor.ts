/**
 * The embedded executor: drives any Inngest app through the SDK's HTTP protocol against its unchanged serve
 * handler, the way an Inngest server does, with all state in the app's database.
 *
 * Life of a run: an event arrives (HTTP intake or sendEvents) → runs and their first queue items are written →
 * the scheduler leases due items (bounded concurrency) → each call's response is turned into a transition
 * (transitions.ts) and written in one transaction (store.ts) → when the run has nothing else pending the same
 * leased item becomes its next call and the run continues at once.
 */
import { randomUUID } from "node:crypto";
import { parseCron } from "./cron";
import { defaultBackoff } from "./durations";
import { compileExpression, type CompiledExpression } from "./expressions";
import {
  concurrencyGroupsFor,
  parseSyncResponse,
  UnsupportedConfigError,
  type ExecutableFunction,
  type SyncedApp,
} from "./function-config";
import { createIntakeServer, type IncomingEvent, type IntakeServer } from "./intake-server";
import { callRequestBody, checkpointSchema, interpretResponse, type CallOutcome, type EventPayload } from "./protocol";
import {
  canonicalJson,
  executorEnvironment,
  generateCredentials,
  hashedSigningKey,
  signatureHeader,
  type ExecutorEnvironment,
} from "./signing";
import {
  ExecutorStore,
  expressionWaitMatcher,
  FAILED_EVENT,
  FINISHED_EVENT,
  LeaseLostError,
  SCHEDULED_EVENT,
  type Claimed,
  type Db,
  type LoadedRun,
  type QueueItem,
  type RunDetail,
  type RunSeed,
  type RunState,
  type RunSummary,
  type WriteEffects,
} from "./store";
import { decideTransition, describeError, type Advance, type NewStep } from "./transitions";
import { httpTransport, type Transport } from "./transport";
import type { ExecutorRunStatus } from "../generated/prisma/client";

export type ExecutorLogger = {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
};

export const consoleLogger: ExecutorLogger = {
  debug: () => {},
  info: (message, details) => console.info(`[inngest-executor] ${message}`, details ?? ""),
  warn: (message, details) => console.warn(`[inngest-executor] ${message}`, details ?? ""),
  error: (message, details) => console.error(`[inngest-executor] ${message}`, details ?? ""),
};

export type ExecutorOptions = {
  /** Prisma client of the app's database (PGlite or PostgreSQL) with the Executor* models migrated */
  prisma: Db;
  /** the app's serve URL, e.g. http://127.0.0.1:3000/api/inngest */
  appUrl: string;
  /** event intake port on 127.0.0.1; 0 picks a free one (default 0) */
  port?: number;
  /** default: freshly generated (see generateCredentials) */
  signingKey?: string;
  eventKey?: string;
  /** calls in flight at once (default 16; PGlite serialises writes, so more rarely helps there) */
  concurrency?: number;
  /** ms to wait before retrying after the given 0-based attempt failed (default: 10 s doubling, capped at 1 h) */
  backoff?: (failedAttempt: number) => number;
  /** lease on a claimed queue item, renewed while the call runs; a crashed process's work resumes after it (default 30 s) */
  leaseMs?: number;
  /** how often to look for due work queued by other processes or left by expired leases (default 1 s) */
  pollIntervalMs?: number;
  /** longest a single call to the app may take (default 5 min) */
  callTimeoutMs?: number;
  /**
   * Let SDK v4 run consecutive steps in one call and checkpoint each result to us (default true): one call per
   * run segment instead of one per step. Functions can still opt out with their own `checkpointing: false`.
   */
  checkpointing?: boolean;
  /** how the serve handler is reached (default: HTTP to appUrl with undici) */
  transport?: Transport;
  logger?: ExecutorLogger;
};

/** An event as senders give it: only `name` is required. */
export type EventInput = {
  name: string;
  data?: Record<string, unknown> | null;
  id?: string | null;
  ts?: number | null;
  user?: Record<string, unknown> | null;
  v?: string | null;
};

export type SyncSummary = { appId: string; functions: string[] };

export type RunFilter = { status?: ExecutorRunStatus; functionId?: string; eventId?: string; limit?: number };

export type Executor = {
  /** Listens for events, then syncs the app in the background (retrying until it answers) and starts running work. */
  start(): Promise<void>;
  /** Stops taking work, lets calls in flight finish (up to a few seconds), gives the rest back to the queue. */
  stop(): Promise<void>;
  /** Syncs the app now; rejects with UnsupportedConfigError when a function uses what this executor cannot run. */
  sync(): Promise<SyncSummary>;
  /** Resolves once this process has synced the app (work runs only after that); rejects if the sync was refused. */
  whenReady(): Promise<void>;
  sendEvents(events: EventInput | EventInput[]): Promise<{ ids: string[] }>;
  /** the intake origin, `http://127.0.0.1:<port>`, once started */
  readonly origin: string;
  /** INNGEST_* variables the app process needs to send events here and verify our requests */
  environment(): ExecutorEnvironment;
  listRuns(filter?: RunFilter): Promise<RunSummary[]>;
  getRun(runId: string): Promise<RunDetail | null>;
  cancelRun(runId: string): Promise<boolean>;
  /** Deletes runs that finished, and events received, before the given time (retention). */
  prune(before: Date): Promise<{ runs: number; events: number }>;
};

export class ExecutorNotReadyError extends Error {
  constructor(reason: string) {
    super(`the embedded Inngest executor cannot accept events yet: ${reason}`);
    this.name = "ExecutorNotReadyError";
  }
}

type RoutingTable = {
  app: SyncedApp;
  byEvent: Map<string, { fn: ExecutableFunction; filter?: CompiledExpression }[]>;
  wildcards: { pattern: RegExp; fn: ExecutableFunction; filter?: CompiledExpression }[];
  hasConcurrencyGroups: boolean;
};

function buildRoutingTable(app: SyncedApp): RoutingTable {
  const byEvent: RoutingTable["byEvent"] = new Map();
  const wildcards: RoutingTable["wildcards"] = [];
  for (const fn of app.functions.values()) {
    for (const trigger of fn.eventTriggers) {
      if (trigger.event.includes("*")) {
        const pattern = new RegExp(`^${trigger.event.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`);
        wildcards.push({ pattern, fn, filter: trigger.filter });
      } else {
        const list = byEvent.get(trigger.event) ?? [];
        list.push({ fn, filter: trigger.filter });
        byEvent.set(trigger.event, list);
      }
    }
  }
  const hasConcurrencyGroups = [...app.functions.values()].some((fn) => fn.concurrency.length > 0);
  return { app, byEvent, wildcards, hasConcurrencyGroups };
}

/**
 * How a sequential run continues when the general machinery is not needed: results only (then call again) or a
 * single sleep. Anything involving other queue items or waits returns undefined.
 */
function sequentialContinuation(
  run: RunState,
  advance: Advance,
): { kind: "call" } | { kind: "sleep"; hash: string; name: string | null; until: Date } | undefined {
  if (run.parallel || advance.parallel || advance.planned.length || advance.waits.length || advance.invokes.length) return undefined;
  if (advance.sleeps.length === 0) return { kind: "call" };
  if (advance.sleeps.length === 1 && advance.memo.length === 0) return { kind: "sleep", ...advance.sleeps[0] };
  return undefined;
}

const SYNC_RETRY_MAX_MS = 5_000;
const STOP_GRACE_MS = 5_000;
const NOT_READY_WAIT_MS = 30_000;

export function createExecutor(options: ExecutorOptions): Executor {
  const logger = options.logger ?? consoleLogger;
  const credentials = {
    ...generateCredentials(),
    ...(options.signingKey ? { signingKey: options.signingKey } : {}),
    ...(options.eventKey ? { eventKey: options.eventKey } : {}),
  };
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const backoff = options.backoff ?? defaultBackoff;
  const leaseMs = options.leaseMs ?? 30_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const callTimeoutMs = options.callTimeoutMs ?? 300_000;
  const checkpointing = options.checkpointing ?? true;
  const transport = options.transport ?? httpTransport(options.appUrl, { connections: concurrency });
  const store = new ExecutorStore(options.prisma, randomUUID());
  const expressions = new Map<string, CompiledExpression>();
  const compile = (source: string) => {
    let compiled = expressions.get(source);
    if (!compiled) {
      compiled = compileExpression(source, ["event", "async"]);
      expressions.set(source, compiled);
    }
    return compiled;
  };
  const matchWait = expressionWaitMatcher(compile);

  let routing: RoutingTable | undefined;
  let origin = "";
  let intake: IntakeServer | undefined;
  let started = false;
  let stopping = false;
  let synced = false;
  let refusal: Error | undefined;
  let readyWaiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  // scheduler state
  let inFlight = 0;
  const held = new Set<string>();
  const processing = new Set<Promise<void>>();
  let claiming = false;
  /** the last claim saw items of concurrency groups due: the next claim takes them first */
  let groupedDue = false;
  let pumpScheduled = false;
  let wakeAgain = false;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  let renewTimer: NodeJS.Timeout | undefined;
  /** calls in flight that the SDK may checkpoint into, by queue item id */
  const checkpointable = new Map<string, { item: QueueItem; run: RunState }>();

  // ─────────────── routing ───────────────

  function seedFor(fn: ExecutableFunction, event: EventPayload): RunSeed {
    const groups = concurrencyGroupsFor(fn, event);
    return {
      appId: routing!.app.appId,
      functionId: fn.id,
      event,
      maxAttempts: fn.maxAttempts,
      concurrencyKeys: groups.keys,
      concurrencyLimits: groups.limits,
    };
  }

  function route(event: EventPayload): RunSeed[] {
    if (!routing) return [];
    const candidates = [
      ...(routing.byEvent.get(event.name) ?? []),
      ...routing.wildcards.filter((entry) => entry.pattern.test(event.name)),
    ];
    const seeds = new Map<string, RunSeed>();
    for (const { fn, filter } of candidates) {
      if (seeds.has(fn.id)) continue;
      if (filter && !filter.evaluate({ event })) continue;
      seeds.set(fn.id, seedFor(fn, event));
    }
    return [...seeds.values()];
  }

  function normalise(input: EventInput | IncomingEvent, now: Date): EventPayload {
    return {
      id: input.id ?? randomUUID(),
      name: input.name,
      data: input.data ?? {},
      ts: input.ts ?? now.getTime(),
      ...(input.user ? { user: input.user } : {}),
      ...(input.v ? { v: input.v } : {}),
    };
  }

  // ─────────────── sync ───────────────

  async function sync(): Promise<SyncSummary> {
    const body = canonicalJson({ url: options.appUrl });
    const response = await transport.send({
      method: "PUT",
      query: {},
      headers: {
        "content-type": "application/json",
        "x-inngest-sync-kind": "in_band",
        "x-inngest-signature": signatureHeader(body, credentials.signingKey),
      },
      body,
      timeoutMs: callTimeoutMs,
    });
    if (response.status !== 200 || response.header("x-inngest-sync-kind") !== "in_band") {
      throw new Error(
        `in-band sync of ${options.appUrl} failed: HTTP ${response.status} ${response.body.slice(0, 300)}` +
          (response.status === 200 ? " (the SDK answered out-of-band: is INNGEST_ALLOW_IN_BAND_SYNC false?)" : ""),
      );
    }
    const app = parseSyncResponse(JSON.parse(response.body));
    await store.saveApp(app.appId, options.appUrl, app.rawFunctions);
    const now = new Date();
    await store.reconcileCron(
      app.appId,
      [...app.functions.values()].flatMap((fn) =>
        fn.cronTriggers.map((schedule) => ({ functionId: fn.id, cron: schedule.source, next: schedule.next(now) })),
      ),
      [...app.functions.keys()],
    );
    routing = buildRoutingTable(app);
    if (!synced) {
      synced = true;
      for (const waiter of readyWaiters) waiter.resolve();
      readyWaiters = [];
    }
    logger.info("synced", { app: app.appId, functions: [...app.functions.keys()] });
    wake();
    return { appId: app.appId, functions: [...app.functions.keys()] };
  }

  async function syncUntilReady(): Promise<void> {
    for (let delay = 200; !stopping && !synced; delay = Math.min(delay * 2, SYNC_RETRY_MAX_MS)) {
      try {
        await sync();
        return;
      } catch (error) {
        if (error instanceof UnsupportedConfigError) {
          refusal = error;
          logger.error(error.message);
          for (const waiter of readyWaiters) waiter.reject(error);
          readyWaiters = [];
          return;
        }
        logger.debug("app not reachable yet, retrying sync", { error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  }

  function whenReady(): Promise<void> {
    if (synced) return Promise.resolve();
    if (refusal) return Promise.reject(refusal);
    return new Promise((resolve, reject) => readyWaiters.push({ resolve, reject }));
  }

  async function restoreRouting(): Promise<void> {
    const stored = await store.loadApp(options.appUrl);
    if (!stored) return;
    try {
      routing = buildRoutingTable(parseSyncResponse({ app_id: stored.appId, functions: stored.functions }));
    } catch (error) {
      logger.warn("stored app config is unusable; waiting for a fresh sync", { error: String(error) });
    }
  }

  // ─────────────── events ───────────────

  async function ingest(inputs: (EventInput | IncomingEvent)[]): Promise<string[]> {
    const now = new Date();
    const events = inputs.map((input) => normalise(input, now));
    if (!routing) {
      // nothing to route with yet (first start, app not synced): wait a little for the first sync
      await Promise.race([
        whenReady(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new ExecutorNotReadyError("the app has not been synced")), NOT_READY_WAIT_MS).unref(),
        ),
      ]);
    }
    const effects = await store.ingest(events, route, matchWait, now);
    schedule(effects);
    return events.map((event) => event.id);
  }

  // ─────────────── scheduler ───────────────

  function schedule(effects: WriteEffects): void {
    if (effects.dueNow) wake();
    for (const at of effects.dueAt) wakeAt(at);
  }

  function wake(): void {
    if (stopping || !started) return;
    if (claiming) {
      wakeAgain = true;
      return;
    }
    if (pumpScheduled) return;
    // coalesce the wakes of one tick (many runs finishing together) into one claim
    pumpScheduled = true;
    setImmediate(() => {
      pumpScheduled = false;
      if (claiming) wakeAgain = true;
      else void pump();
    });
  }

  function wakeAt(at: Date): void {
    if (stopping || !started) return;
    const when = at.getTime();
    if (when >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = when;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      wake();
    }, Math.max(0, when - Date.now()));
    timer.unref();
  }

  async function pump(): Promise<void> {
    if (!synced) return;
    claiming = true;
    try {
      let drained = false;
      let claimedAt = new Date();
      let next: Date | null | undefined;
      do {
        wakeAgain = false;
        const free = concurrency - inFlight;
        if (free <= 0 || stopping) break;
        claimedAt = new Date();
        const claim = await store.claim(free, claimedAt, new Date(claimedAt.getTime() + leaseMs), groupedDue);
        for (const claimed of claim.claimed) launch(claimed);
        groupedDue = claim.groupedDue && (routing?.hasConcurrencyGroups ?? false);
        next = claim.nextDueAt;
        drained = claim.claimed.length < free;
      } while (wakeAgain || (!drained && !stopping) || (groupedDue && !stopping));
      if (drained && !stopping) {
        if (next === undefined) next = await store.nextDueAt();
        const poll = Date.now() + pollIntervalMs;
        // work that was due at the claim yet not taken is held back by a concurrency limit or another process:
        // a finishing call wakes us, the poll covers the rest. Work due since then runs at its time.
        const at = next && next.getTime() > claimedAt.getTime() && next.getTime() < poll ? next.getTime() : poll;
        wakeAt(new Date(at));
      }
    } catch (error) {
      logger.error("claiming work failed; retrying", { error: String(error) });
      wakeAt(new Date(Date.now() + pollIntervalMs));
    } finally {
      claiming = false;
      if (wakeAgain) wake();
    }
  }

  function launch({ item, run }: Claimed): void {
    inFlight++;
    held.add(item.id);
    const task = processItem(item, run).finally(() => {
      inFlight--;
      held.delete(item.id);
      processing.delete(task);
      wake();
    });
    processing.add(task);
  }

  async function processItem(first: QueueItem, loaded: LoadedRun | undefined): Promise<void> {
    let item: QueueItem | undefined = first;
    let run: RunState | undefined = loaded;
    try {
      while (item && !stopping) {
        const effects = await step(item, run);
        schedule(effects);
        run = effects.run;
        item = effects.continuation;
      }
      // stopping mid-run: the continuation goes back to the queue for whoever runs next
      if (item) await store.releaseLeases([item.id]);
    } catch (error) {
      if (error instanceof LeaseLostError) {
        logger.warn("lost a lease; another executor owns the item now", { item: first.id });
        return;
      }
      logger.error("processing a queue item failed; it will be retried", { item: first.id, error: String(error) });
      await store.releaseLeases([first.id], new Date(Date.now() + pollIntervalMs)).catch(() => {});
    }
  }

  async function step(item: QueueItem, cached: RunState | undefined): Promise<WriteEffects & { run?: RunState }> {
    const now = new Date();
    switch (item.kind) {
      case "sleep":
      case "timeout":
        return store.completeTimer(item, now);
      case "cron":
        return fireCron(item, now);
      case "call":
        return call(item, cached);
    }
  }

  async function fireCron(item: QueueItem, now: Date): Promise<WriteEffects> {
    const fn = routing?.app.functions.get(item.functionId);
    const cron = item.cron ?? "";
    const fireAt = item.availableAt;
    const event: EventPayload = {
      // one id per function and tick: several executors sharing the queue start it once
      id: `cron:${item.functionId}:${fireAt.toISOString()}`,
      name: SCHEDULED_EVENT,
      data: { cron },
      ts: fireAt.getTime(),
    };
    const seed = fn?.cronTriggers.some((trigger) => trigger.source === cron) ? seedFor(fn, event) : undefined;
    const next = parseCron(cron).next(new Date(Math.max(now.getTime(), fireAt.getTime())));
    return store.fireCron(item, seed, next, now);
  }

  async function call(item: QueueItem, cached: RunState | undefined): Promise<WriteEffects & { run?: RunState }> {
    const runId = item.runId;
    if (!runId) throw new Error(`call item ${item.id} has no run`);
    const run = cached ?? (await store.loadRun(runId));
    if (!run || ("status" in run && run.status !== "running")) {
      await store.deleteItem(item.id);
      return { dueNow: false, dueAt: [] };
    }
    const fn = routing?.app.functions.get(run.functionId);
    if (!fn) {
      const error = { name: "FunctionNotFound", message: `function "${run.functionId}" is not in the app's last sync` };
      return store.finish(item, runId, { status: "failed", error }, route, new Date());
    }

    // the SDK checkpoints only discovery calls of sequential runs; it re-runs nothing we memoise meanwhile
    const mayCheckpoint = checkpointing && item.stepId === "step" && !run.parallel;
    const body = callRequestBody({
      runId,
      event: run.event,
      steps: run.steps,
      attempt: item.attempt,
      maxAttempts: run.maxAttempts,
      disableImmediateExecution: run.parallel,
      checkpointing: mayCheckpoint ? { functionId: fn.id, queueItemId: item.id } : undefined,
    });
    if (mayCheckpoint) checkpointable.set(item.id, { item, run });
    let outcome: CallOutcome;
    try {
      const response = await transport.send({
        method: "POST",
        query: { fnId: fn.id, stepId: item.stepId },
        headers: {
          "content-type": "application/json",
          "x-inngest-signature": signatureHeader(body, credentials.signingKey),
          "user-agent": "inngest-embedded-executor",
        },
        body,
        timeoutMs: callTimeoutMs,
      });
      outcome = interpretResponse(response, new Date());
    } catch (error) {
      outcome = {
        kind: "failed",
        error: { name: "CallFailed", message: `could not call ${options.appUrl}: ${error instanceof Error ? error.message : String(error)}` },
        retriable: true,
      };
    } finally {
      checkpointable.delete(item.id);
    }

    const now = new Date();
    const transition = decideTransition({
      appId: routing!.app.appId,
      runId,
      stepId: item.stepId,
      attempt: item.attempt,
      maxAttempts: run.maxAttempts,
      outcome,
      now,
      backoff,
      functions: routing!.app.functions,
    });
    switch (transition.kind) {
      case "retry":
        logger.debug("attempt failed, retrying", { run: runId, function: fn.id, attempt: item.attempt, error: transition.lastError });
        return store.scheduleRetry(item, transition);
      case "finish": {
        const alone =
          !run.parentRunId && !routing!.byEvent.has(FINISHED_EVENT) && (transition.status === "completed" || !routing!.byEvent.has(FAILED_EVENT));
        const effects =
          alone && (await store.finishAlone(item, runId, transition, now))
            ? { dueNow: false, dueAt: [] }
            : await store.finish(item, runId, transition, route, now);
        if (transition.status === "failed") {
          logger.warn("run failed", { run: runId, function: fn.id, error: describeError(transition.error) });
        }
        return effects;
      }
      case "advance": {
        const next = sequentialContinuation(run, transition);
        if (next && (await store.continueSequential(item, runId, transition.memo, next, now))) {
          if (next.kind === "sleep") return { dueNow: false, dueAt: [next.until] };
          run.steps.push(...transition.memo.map((memo) => ({ hash: memo.hash, result: memo.result })));
          return { continuation: { ...item, kind: "call", stepId: "step", stepName: null, attempt: 0, availableAt: now }, run, dueNow: false, dueAt: [] };
        }
        const effects = await store.advance(item, run, transition, now);
        // a parallel run's other steps memoised their results meanwhile: the next call must reload them
        return { ...effects, run: effects.continuation && !run.parallel ? run : undefined };
      }
    }
  }

  /**
   * Step results the SDK reports while a call is still running. 503 for a call this process is not making:
   * the SDK retries, then falls back to returning the results in its response. 409 tells it the run or our
   * lease is gone, so it stops.
   */
  async function checkpoint(runId: string, body: unknown): Promise<number> {
    const parsed = checkpointSchema.safeParse(body);
    if (!parsed.success) return 400;
    const context = checkpointable.get(parsed.data.qi_id);
    if (!context || context.run.id !== runId) return 503;
    const { item, run } = context;
    const memo: NewStep[] = [];
    for (const op of parsed.data.steps) {
      if (op.op !== "StepRun" && op.op !== "Step") return 400;
      memo.push({ hash: op.id, name: op.userland?.id ?? op.displayName ?? op.name ?? null, op: "run", attempts: item.attempt + 1, result: { data: op.data ?? null } });
    }
    if (!memo.length) return 200;
    if (!(await store.checkpoint(item, runId, memo))) return 409;
    run.steps.push(...memo.map((step) => ({ hash: step.hash, result: step.result })));
    return 200;
  }

  async function renewLeases(): Promise<void> {
    try {
      await store.renewLeases([...held], new Date(Date.now() + leaseMs));
    } catch (error) {
      logger.warn("renewing leases failed", { error: String(error) });
    }
  }

  // ─────────────── lifecycle ───────────────

  const executor: Executor = {
    get origin() {
      if (!origin) throw new Error("the executor is not started");
      return origin;
    },

    environment() {
      return executorEnvironment({ origin: executor.origin, ...credentials });
    },

    async start() {
      if (started) return;
      intake = createIntakeServer({
        eventKey: credentials.eventKey,
        apiAuthorization: `Bearer ${hashedSigningKey(credentials.signingKey)}`,
        accept: ingest,
        checkpoint,
        onError: (error) => logger.error("event intake failed", { error: String(error) }),
      });
      origin = await intake.listen(options.port ?? 0);
      await restoreRouting();
      started = true;
      renewTimer = setInterval(() => void renewLeases(), Math.max(250, Math.floor(leaseMs / 3)));
      renewTimer.unref();
      void syncUntilReady();
    },

    async stop() {
      if (!started || stopping) return;
      stopping = true;
      if (timer) clearTimeout(timer);
      if (renewTimer) clearInterval(renewTimer);
      await intake?.close();
      const grace = new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
      await Promise.race([Promise.allSettled([...processing]), grace]);
      // calls still running past the grace period will find their lease gone and discard their results
      await store.releaseLeases([...held]).catch((error) => logger.warn("releasing leases failed", { error: String(error) }));
      await transport.close();
      for (const waiter of readyWaiters) waiter.reject(new ExecutorNotReadyError("the executor stopped"));
      readyWaiters = [];
    },

    sync,
    whenReady,

    async sendEvents(events) {
      return { ids: await ingest(Array.isArray(events) ? events : [events]) };
    },

    listRuns: (filter = {}) => store.listRuns({ ...filter, limit: filter.limit ?? 50 }),
    getRun: (runId) => store.getRun(runId),
    async cancelRun(runId) {
      const cancelled = await store.cancel(runId, route, new Date());
      wake();
      return cancelled;
    },
    prune: (before) => store.prune(before),
  };
  return executor;
}
