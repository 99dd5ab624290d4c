/**
 * Durable state of the executor in the app's database (the Executor* Prisma models): events, runs, memoised
 * steps, queue items with due time and lease, waits. Every decision about a run is written in one short
 * transaction that starts by locking the run's row, so parallel steps of one run finishing at once cannot both
 * miss (or both schedule) the next discovery call. No transaction ever waits on the network.
 */
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient, type ExecutorQueueItemKind, type ExecutorRunStatus } from "../generated/prisma/client";
import type { CompiledExpression } from "./expressions";
import type { EventPayload, MemoisedStep, SerializedError, StepResult } from "./protocol";
import type { Advance, NewStep, StepOpKind } from "./transitions";

export type Db = PrismaClient;
type Tx = Prisma.TransactionClient;

export type QueueItem = {
  id: string;
  kind: ExecutorQueueItemKind;
  runId: string | null;
  functionId: string;
  stepId: string;
  stepName: string | null;
  attempt: number;
  cron: string | null;
  availableAt: Date;
};

/** Everything needed to start a run. */
export type RunSeed = {
  appId: string;
  functionId: string;
  event: EventPayload;
  maxAttempts: number;
  concurrencyKeys: string[];
  concurrencyLimits: number[];
  parentRunId?: string;
  parentStepId?: string;
};

export type RunState = {
  id: string;
  functionId: string;
  parentRunId: string | null;
  event: EventPayload;
  maxAttempts: number;
  parallel: boolean;
  concurrencyKeys: string[];
  concurrencyLimits: number[];
  steps: MemoisedStep[];
};

/** Which functions an event starts (already filtered by trigger expressions). */
export type Router = (event: EventPayload) => RunSeed[];

/** What a write did that the scheduler should know about. */
export type WriteEffects = {
  /** the same queue item, still leased by us, turned into the run's next discovery call */
  continuation?: QueueItem;
  /** new work due now (runs started, steps planned, waits resolved) */
  dueNow: boolean;
  /** new work due later (sleeps, retries, timeouts, cron ticks) */
  dueAt: Date[];
};

/** Our lease on a queue item ran out and another executor took it: whatever we computed is discarded. */
export class LeaseLostError extends Error {
  constructor(itemId: string) {
    super(`lease on queue item ${itemId} was lost`);
    this.name = "LeaseLostError";
  }
}

export const FAILED_EVENT = "inngest/function.failed";
export const FINISHED_EVENT = "inngest/function.finished";
export const SCHEDULED_EVENT = "inngest/scheduled.timer";

const CLAIM_LOCK_KEY = "inngest-embedded-executor:claim";

/** Prisma's JSON input type for values that came from JSON.parse (so are JSON by construction). */
function json(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  return value === null || value === undefined ? Prisma.JsonNull : (value as Prisma.InputJsonValue);
}

type LoadedRunRow = {
  id: string;
  function_id: string;
  event: unknown;
  status: string;
  max_attempts: number;
  parallel: boolean;
  concurrency_keys: string[] | null;
  concurrency_limits: number[] | null;
  parent_run_id: string | null;
  steps: unknown;
};

/** json columns of raw queries arrive parsed from one adapter and as text from another */
function parseJsonColumn(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

type ClaimedRow = {
  id: string;
  kind: string;
  run_id: string | null;
  function_id: string;
  step_id: string;
  step_name: string | null;
  attempt: number;
  cron: string | null;
  available_at: Date | string;
  concurrency_keys: string[] | null;
  concurrency_limits: number[] | null;
  run?: unknown;
};

/** A leased queue item, with its run already loaded when the claim could do it in the same statement. */
export type Claimed = { item: QueueItem; run?: LoadedRun };

/**
 * What one claim took, and what the scheduler needs next: whether items of concurrency groups are due (the
 * next claim takes them), and the earliest due time of unleased work still in the future (undefined: not
 * looked at, ask `nextDueAt`).
 */
export type ClaimResult = { claimed: Claimed[]; groupedDue: boolean; nextDueAt: Date | null | undefined };

export type LoadedRun = RunState & { status: ExecutorRunStatus };

function toRunState(row: LoadedRunRow): LoadedRun {
  return {
    id: row.id,
    functionId: row.function_id,
    event: parseJsonColumn(row.event) as EventPayload,
    status: row.status as ExecutorRunStatus,
    maxAttempts: Number(row.max_attempts),
    parallel: row.parallel,
    concurrencyKeys: row.concurrency_keys ?? [],
    concurrencyLimits: row.concurrency_limits ?? [],
    parentRunId: row.parent_run_id,
    steps: parseJsonColumn(row.steps) as MemoisedStep[],
  };
}

function toQueueItem(row: ClaimedRow): QueueItem {
  return {
    id: row.id,
    kind: row.kind as ExecutorQueueItemKind,
    runId: row.run_id,
    functionId: row.function_id,
    stepId: row.step_id,
    stepName: row.step_name,
    attempt: Number(row.attempt),
    cron: row.cron,
    availableAt: new Date(row.available_at),
  };
}

function isWriteConflict(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034";
}

export type RunSummary = {
  id: string;
  functionId: string;
  eventId: string;
  status: ExecutorRunStatus;
  startedAt: Date;
  endedAt: Date | null;
  /** attempt of the pending call (0-based); 0 when nothing is pending */
  attempt: number;
  /** when the run's next pending work is due; null when it is waiting for an event or finished */
  nextDueAt: Date | null;
  /** the last failed attempt's error while retrying, or the run's final error */
  lastError: string | null;
};

export type StepSummary = {
  hash: string;
  name: string | null;
  op: string;
  seq: number;
  attempts: number;
  status: "completed" | "failed";
  result: unknown;
  at: Date;
};

export type PendingWork = {
  kind: ExecutorQueueItemKind | "wait";
  stepId: string;
  stepName: string | null;
  attempt: number;
  dueAt: Date | null;
  leased: boolean;
  lastError: string | null;
  waitingFor?: string;
};

export type RunDetail = RunSummary & {
  event: EventPayload;
  output: unknown;
  error: unknown;
  parentRunId: string | null;
  steps: StepSummary[];
  pending: PendingWork[];
};

export class ExecutorStore {
  constructor(
    private readonly prisma: Db,
    /** identifies this executor instance on the leases it holds */
    readonly owner: string,
  ) {}

  private async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        // generous waits: on PGlite every transaction queues behind the others on its single connection
        return await this.prisma.$transaction(work, { maxWait: 60_000, timeout: 60_000 });
      } catch (error) {
        if (attempt < 4 && isWriteConflict(error)) continue;
        throw error;
      }
    }
  }

  // ─────────────── app sync ───────────────

  async saveApp(appId: string, url: string, functions: unknown[]): Promise<void> {
    await this.prisma.executorApp.upsert({
      where: { id: appId },
      create: { id: appId, url, functions: json(functions) },
      update: { url, functions: json(functions), syncedAt: new Date() },
    });
  }

  /** The last synced app served at `url`, so queued work can be routed before the first sync of this process. */
  async loadApp(url: string): Promise<{ appId: string; functions: unknown[] } | null> {
    const app = await this.prisma.executorApp.findFirst({ where: { url }, orderBy: { syncedAt: "desc" } });
    return app ? { appId: app.id, functions: Array.isArray(app.functions) ? app.functions : [] } : null;
  }

  /** Makes the cron queue items match the synced cron triggers: one item per (function, schedule). */
  async reconcileCron(
    appId: string,
    schedules: { functionId: string; cron: string; next: Date }[],
    functionIds: string[],
  ): Promise<void> {
    const desired = new Map(schedules.map((s) => [`cron:${s.functionId}:${s.cron}`, s]));
    await this.transaction(async (tx) => {
      const existing = await tx.executorQueueItem.findMany({
        where: { kind: "cron", functionId: { in: functionIds } },
        select: { id: true },
      });
      const stale = existing.filter((item) => !desired.has(item.id)).map((item) => item.id);
      if (stale.length) await tx.executorQueueItem.deleteMany({ where: { id: { in: stale } } });
      // functions that vanished from the app lose their schedules too (composite ids start with the app id)
      await tx.executorQueueItem.deleteMany({
        where: { kind: "cron", functionId: { startsWith: `${appId}-`, notIn: functionIds } },
      });
      const have = new Set(existing.map((item) => item.id));
      const missing = [...desired].filter(([id]) => !have.has(id));
      if (missing.length) {
        await tx.executorQueueItem.createMany({
          data: missing.map(([id, s]) => ({ id, kind: "cron", functionId: s.functionId, cron: s.cron, availableAt: s.next })),
          // a sync running at the same moment (another process, or start() and an explicit sync()) may have made them
          skipDuplicates: true,
        });
      }
    });
  }

  // ─────────────── events ───────────────

  /**
   * Stores events (a repeated id is ignored and starts nothing), starts the runs they trigger and resolves the
   * waits they satisfy, atomically: in one statement when no run waits for these events' names (the common
   * case), else in one transaction.
   */
  async ingest(
    events: EventPayload[],
    route: Router,
    matchWait: WaitMatcher,
    now: Date,
  ): Promise<WriteEffects> {
    const unique = [...new Map(events.map((event) => [event.id, event])).values()];
    const written = await this.ingestWhereNothingWaits(unique, route, now);
    if (written) return written;
    return this.transaction(async (tx) => {
      const inserted = await tx.executorEvent.createManyAndReturn({
        data: unique.map((event) => ({
          id: event.id,
          name: event.name,
          data: json(event.data),
          user: event.user ? json(event.user) : Prisma.JsonNull,
          ts: BigInt(Math.trunc(event.ts)),
        })),
        skipDuplicates: true,
        select: { id: true },
      });
      const fresh = new Set(inserted.map((row) => row.id));
      const accepted = unique.filter((event) => fresh.has(event.id));
      const seeds = accepted.flatMap(route);
      await this.createRuns(tx, seeds, now);
      const resolved = await this.resolveWaitsWithEvents(tx, accepted, matchWait, now);
      return { dueNow: seeds.length > 0 || resolved, dueAt: [] };
    });
  }

  /**
   * Events, the runs they trigger and the runs' first calls in one statement; runs start only for events not
   * stored before. Writes nothing and returns undefined when a running run waits for one of the events' names:
   * resolving waits needs the transaction.
   */
  private async ingestWhereNothingWaits(events: EventPayload[], route: Router, now: Date): Promise<WriteEffects | undefined> {
    if (!events.length) return { dueNow: false, dueAt: [] };
    const eventRows = JSON.stringify(events.map((event) => ({ id: event.id, name: event.name, data: event.data ?? null, user: event.user ?? null, ts: Math.trunc(event.ts) })));
    const runRows = JSON.stringify(
      events.flatMap(route).map((seed) => ({
        id: randomUUID(),
        app_id: seed.appId,
        function_id: seed.functionId,
        event_id: seed.event.id,
        event: seed.event,
        max_attempts: seed.maxAttempts,
        concurrency_keys: seed.concurrencyKeys,
        concurrency_limits: seed.concurrencyLimits,
        parent_run_id: seed.parentRunId ?? null,
        parent_step_id: seed.parentStepId ?? null,
      })),
    );
    const names = [...new Set(events.map((event) => event.name))];
    const nowText = now.toISOString();
    const rows = await this.prisma.$queryRaw<{ waited: boolean; runs: number }[]>`
      WITH waiting AS (
        SELECT EXISTS (
          SELECT 1 FROM executor_waits w JOIN executor_runs r ON r.id = w.run_id AND r.status = 'running'
          WHERE w.event_name = ANY(${names}::text[])
        ) AS waited
      ), event AS (
        INSERT INTO executor_events (id, name, data, "user", ts, received_at)
        SELECT e.id, e.name, coalesce(e.data, 'null'::jsonb), coalesce(e."user", 'null'::jsonb), e.ts, ${nowText}::timestamptz
        FROM jsonb_to_recordset(${eventRows}::jsonb) AS e(id text, name text, data jsonb, "user" jsonb, ts bigint)
        WHERE NOT (SELECT waited FROM waiting)
        ON CONFLICT DO NOTHING
        RETURNING id
      ), run AS (
        INSERT INTO executor_runs (id, app_id, function_id, event_id, event, max_attempts, concurrency_keys, concurrency_limits,
                                   started_at, parent_run_id, parent_step_id)
        SELECT s.id, s.app_id, s.function_id, s.event_id, s.event, s.max_attempts,
               ARRAY(SELECT jsonb_array_elements_text(s.concurrency_keys)),
               ARRAY(SELECT jsonb_array_elements_text(s.concurrency_limits)::int),
               ${nowText}::timestamptz, s.parent_run_id, s.parent_step_id
        FROM jsonb_to_recordset(${runRows}::jsonb) AS s(id text, app_id text, function_id text, event_id text, event jsonb, max_attempts int,
                                                        concurrency_keys jsonb, concurrency_limits jsonb, parent_run_id text, parent_step_id text)
        JOIN event ON event.id = s.event_id
        RETURNING id, function_id, concurrency_keys, concurrency_limits
      ), item AS (
        INSERT INTO executor_queue_items (id, kind, run_id, function_id, concurrency_keys, concurrency_limits, available_at)
        SELECT gen_random_uuid()::text, 'call'::"ExecutorQueueItemKind", run.id, run.function_id, run.concurrency_keys, run.concurrency_limits, ${nowText}::timestamptz
        FROM run
      )
      SELECT (SELECT waited FROM waiting) AS waited, (SELECT count(*) FROM run)::int AS runs`;
    const row = rows[0];
    if (!row || row.waited) return undefined;
    return { dueNow: Number(row.runs) > 0, dueAt: [] };
  }

  private async createRuns(tx: Tx, seeds: RunSeed[], now: Date): Promise<string[]> {
    if (!seeds.length) return [];
    const ids = seeds.map(() => randomUUID());
    await tx.executorRun.createMany({
      data: seeds.map((seed, i) => ({
        id: ids[i],
        appId: seed.appId,
        functionId: seed.functionId,
        eventId: seed.event.id,
        event: json(seed.event),
        maxAttempts: seed.maxAttempts,
        concurrencyKeys: seed.concurrencyKeys,
        concurrencyLimits: seed.concurrencyLimits,
        startedAt: now,
        parentRunId: seed.parentRunId ?? null,
        parentStepId: seed.parentStepId ?? null,
      })),
    });
    await tx.executorQueueItem.createMany({
      data: seeds.map((seed, i) => ({
        id: randomUUID(),
        kind: "call",
        runId: ids[i],
        functionId: seed.functionId,
        concurrencyKeys: seed.concurrencyKeys,
        concurrencyLimits: seed.concurrencyLimits,
        availableAt: now,
      })),
    });
    return ids;
  }

  /** Routes an event the executor itself emits (failure, finish, cron): stored only when something runs. */
  private async emitInternalEvent(tx: Tx, event: EventPayload, seeds: RunSeed[], now: Date): Promise<boolean> {
    if (!seeds.length) return false;
    const inserted = await tx.executorEvent.createMany({
      data: [{ id: event.id, name: event.name, data: json(event.data), ts: BigInt(Math.trunc(event.ts)) }],
      skipDuplicates: true,
    });
    if (!inserted.count) return false;
    await this.createRuns(tx, seeds, now);
    return true;
  }

  // ─────────────── queue ───────────────

  /**
   * Leases up to `limit` due items (or items whose lease expired). `FOR UPDATE SKIP LOCKED` lets several
   * executor processes share one queue. Items are taken round-robin across functions so one function's backlog
   * cannot starve the others.
   *
   * Items outside concurrency groups are claimed in one statement that also returns what the scheduler needs
   * next: whether grouped items are due (`groupedDue`) and when the next unleased item falls due. Items of
   * concurrency groups (`grouped`) are claimed in a transaction serialised by an advisory lock, so group counts
   * stay exact across processes; that costs four round trips and makes processes queue behind each other, so
   * it runs only when grouped items are due.
   */
  async claim(limit: number, now: Date, leaseUntil: Date, grouped: boolean): Promise<ClaimResult> {
    if (limit <= 0) return { claimed: [], groupedDue: false, nextDueAt: undefined };
    if (grouped) return { claimed: await this.claimGrouped(limit, now, leaseUntil), groupedDue: false, nextDueAt: undefined };
    const nowText = now.toISOString();
    const leaseText = leaseUntil.toISOString();
    const rows = await this.prisma.$queryRaw<(Partial<ClaimedRow> & { run?: unknown; grouped_due: boolean; next_due_at: Date | string | null })[]>`
      WITH due AS (
        SELECT id, function_id, available_at FROM executor_queue_items
        WHERE available_at <= ${nowText}::timestamptz AND (lease_until IS NULL OR lease_until < ${nowText}::timestamptz)
          AND cardinality(concurrency_keys) = 0
        ORDER BY available_at
        LIMIT ${limit * 4}
        FOR UPDATE SKIP LOCKED
      ), picked AS (
        SELECT id FROM (
          SELECT id, available_at, row_number() OVER (PARTITION BY function_id ORDER BY available_at) AS turn FROM due
        ) ranked
        ORDER BY turn, available_at
        LIMIT ${limit}
      ), claimed AS (
        UPDATE executor_queue_items q SET lease_until = ${leaseText}::timestamptz, lease_owner = ${this.owner}
        FROM picked WHERE q.id = picked.id
        RETURNING q.id, q.kind::text AS kind, q.run_id, q.function_id, q.step_id, q.step_name, q.attempt, q.cron,
                  q.available_at, q.concurrency_keys, q.concurrency_limits,
                  -- a call needs its run and memoised steps: loaded here rather than in one more round trip
                  (SELECT json_build_object(
                            'id', r.id, 'function_id', r.function_id, 'event', r.event, 'status', r.status,
                            'max_attempts', r.max_attempts, 'parallel', r.parallel,
                            'concurrency_keys', r.concurrency_keys, 'concurrency_limits', r.concurrency_limits,
                            'parent_run_id', r.parent_run_id,
                            'steps', COALESCE((SELECT json_agg(json_build_object('hash', s.hash, 'result', s.result) ORDER BY s.seq)
                                               FROM executor_steps s WHERE s.run_id = r.id), '[]'::json))
                   FROM executor_runs r WHERE r.id = q.run_id AND q.kind = 'call') AS run
      ), summary AS (
        SELECT EXISTS (SELECT 1 FROM executor_queue_items
                       WHERE available_at <= ${nowText}::timestamptz AND (lease_until IS NULL OR lease_until < ${nowText}::timestamptz)
                         AND cardinality(concurrency_keys) > 0) AS grouped_due,
               (SELECT min(available_at) FROM executor_queue_items
                WHERE lease_until IS NULL AND available_at > ${nowText}::timestamptz) AS next_due_at
      )
      -- one row even when nothing is claimed: the summary's
      SELECT s.grouped_due, s.next_due_at, c.* FROM summary s LEFT JOIN claimed c ON true`;
    const first = rows[0];
    return {
      claimed: rows
        .filter((row) => row.id)
        .map((row) => ({ item: toQueueItem(row as ClaimedRow), run: row.run ? toRunState(parseJsonColumn(row.run) as LoadedRunRow) : undefined })),
      groupedDue: Boolean(first?.grouped_due),
      nextDueAt: first?.next_due_at ? new Date(first.next_due_at) : null,
    };
  }

  private async claimGrouped(limit: number, now: Date, leaseUntil: Date): Promise<Claimed[]> {
    const nowText = now.toISOString();
    return this.transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${CLAIM_LOCK_KEY}))`;
      const due = await tx.$queryRaw<ClaimedRow[]>`
        SELECT id, kind::text AS kind, run_id, function_id, step_id, step_name, attempt, cron, available_at,
               concurrency_keys, concurrency_limits
        FROM executor_queue_items
        WHERE available_at <= ${nowText}::timestamptz AND (lease_until IS NULL OR lease_until < ${nowText}::timestamptz)
        ORDER BY available_at
        LIMIT ${limit * 4}
        FOR UPDATE SKIP LOCKED`;
      const keys = [...new Set(due.flatMap((row) => row.concurrency_keys ?? []))];
      const running = new Map<string, number>();
      if (keys.length) {
        const counts = await tx.$queryRaw<{ key: string; running: bigint | number }[]>`
          SELECT k AS key, count(*) AS running
          FROM executor_queue_items, unnest(concurrency_keys) AS k
          WHERE lease_until >= ${nowText}::timestamptz AND k = ANY(${keys}::text[])
          GROUP BY k`;
        for (const row of counts) running.set(row.key, Number(row.running));
      }
      const turns = new Map<string, number>();
      const ordered = due
        .map((row) => {
          const turn = (turns.get(row.function_id) ?? 0) + 1;
          turns.set(row.function_id, turn);
          return { row, turn };
        })
        .sort((a, b) => a.turn - b.turn || new Date(a.row.available_at).getTime() - new Date(b.row.available_at).getTime());
      const admitted: ClaimedRow[] = [];
      for (const { row } of ordered) {
        if (admitted.length === limit) break;
        const groupKeys = row.concurrency_keys ?? [];
        const limits = row.concurrency_limits ?? [];
        if (groupKeys.some((key, i) => (running.get(key) ?? 0) >= limits[i])) continue;
        for (const key of groupKeys) running.set(key, (running.get(key) ?? 0) + 1);
        admitted.push(row);
      }
      if (!admitted.length) return [];
      await tx.executorQueueItem.updateMany({
        where: { id: { in: admitted.map((row) => row.id) } },
        data: { leaseUntil, leaseOwner: this.owner },
      });
      return admitted.map((row) => ({ item: toQueueItem(row) }));
    });
  }

  async renewLeases(ids: string[], leaseUntil: Date): Promise<void> {
    if (!ids.length) return;
    await this.prisma.executorQueueItem.updateMany({ where: { id: { in: ids }, leaseOwner: this.owner }, data: { leaseUntil } });
  }

  /** Gives items back (on shutdown, or after an unexpected error) so they run again at `availableAt`. */
  async releaseLeases(ids: string[], availableAt?: Date): Promise<void> {
    if (!ids.length) return;
    await this.prisma.executorQueueItem.updateMany({
      where: { id: { in: ids }, leaseOwner: this.owner },
      data: { leaseUntil: null, leaseOwner: null, ...(availableAt ? { availableAt } : {}) },
    });
  }

  /** The earliest due time of unleased work, to sleep exactly until then. */
  async nextDueAt(): Promise<Date | null> {
    const rows = await this.prisma.$queryRaw<{ next: Date | string | null }[]>`
      SELECT min(available_at) AS next FROM executor_queue_items WHERE lease_until IS NULL`;
    const next = rows[0]?.next;
    return next ? new Date(next) : null;
  }

  async deleteItem(id: string): Promise<void> {
    await this.prisma.executorQueueItem.deleteMany({ where: { id, leaseOwner: this.owner } });
  }

  // ─────────────── runs ───────────────

  async loadRun(runId: string): Promise<LoadedRun | null> {
    // one round trip: the run and its memoised steps in stack order
    const rows = await this.prisma.$queryRaw<LoadedRunRow[]>`
      SELECT r.id, r.function_id, r.event, r.status::text AS status, r.max_attempts, r.parallel,
             r.concurrency_keys, r.concurrency_limits, r.parent_run_id,
             COALESCE((SELECT json_agg(json_build_object('hash', s.hash, 'result', s.result) ORDER BY s.seq)
                       FROM executor_steps s WHERE s.run_id = r.id), '[]'::json) AS steps
      FROM executor_runs r WHERE r.id = ${runId}`;
    return rows.length ? toRunState(rows[0]) : null;
  }

  /**
   * CTEs `run` (the run's step counter, bumped; empty when the run went parallel, stopped or our lease is gone)
   * and `memo` (the steps inserted in order after it), shared by the one-statement paths below.
   */
  private memoiseSequentialSteps(item: QueueItem, runId: string, memo: NewStep[]): Prisma.Sql {
    return Prisma.sql`run AS (
        UPDATE executor_runs SET step_count = step_count + ${memo.length}::int
        WHERE id = ${runId} AND status = 'running' AND NOT parallel
          AND EXISTS (SELECT 1 FROM executor_queue_items WHERE id = ${item.id} AND lease_owner = ${this.owner})
        RETURNING step_count
      ), memo AS (
        INSERT INTO executor_steps (run_id, hash, seq, name, op, attempts, result)
        SELECT ${runId}, m.hash, run.step_count - ${memo.length}::int + m.ord::int - 1, m.name, m.op, m.attempts, m.result::jsonb
        FROM run, unnest(${memo.map((step) => step.hash)}::text[], ${memo.map((step) => step.name)}::text[],
                         ${memo.map((step) => step.op)}::text[], ${memo.map((step) => step.attempts)}::int[],
                         ${memo.map((step) => JSON.stringify(step.result))}::text[])
             WITH ORDINALITY AS m(hash, name, op, attempts, result, ord)
        ON CONFLICT DO NOTHING
      )`;
  }

  /**
   * The common case in one statement (no transaction round trips): a sequential run memoises results, and its
   * queue item becomes either the run's next call (kept leased, to continue at once) or a sleep (released until
   * due). Writes nothing and returns false when the run went parallel, stopped running or our lease is gone;
   * the caller then takes the general path, which sorts those cases out.
   */
  async continueSequential(
    item: QueueItem,
    runId: string,
    memo: NewStep[],
    next: { kind: "call" } | { kind: "sleep"; hash: string; name: string | null; until: Date },
    now: Date,
  ): Promise<boolean> {
    const sleeping = next.kind === "sleep";
    const rows = await this.prisma.$queryRaw<{ continued: number }[]>`
      WITH ${this.memoiseSequentialSteps(item, runId, memo)}, moved AS (
        UPDATE executor_queue_items
        SET kind = ${sleeping ? "sleep" : "call"}::"ExecutorQueueItemKind",
            step_id = ${sleeping ? next.hash : "step"},
            step_name = ${sleeping ? next.name : null},
            attempt = 0,
            last_error = NULL,
            available_at = ${(sleeping ? next.until : now).toISOString()}::timestamptz,
            lease_until = CASE WHEN ${sleeping} THEN NULL ELSE lease_until END,
            lease_owner = CASE WHEN ${sleeping} THEN NULL ELSE lease_owner END
        WHERE id = ${item.id} AND lease_owner = ${this.owner} AND EXISTS (SELECT 1 FROM run)
        RETURNING id
      )
      SELECT count(*)::int AS continued FROM moved`;
    return Number(rows[0]?.continued ?? 0) === 1;
  }

  /**
   * Step results the SDK checkpointed in the middle of a call: memoised at once, the queue item untouched (the
   * call is still running). False when the run stopped running or our lease on the item is gone.
   */
  async checkpoint(item: QueueItem, runId: string, memo: NewStep[]): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ memoised: number }[]>`
      WITH ${this.memoiseSequentialSteps(item, runId, memo)}
      SELECT count(*)::int AS memoised FROM run`;
    return Number(rows[0]?.memoised ?? 0) === 1;
  }

  /**
   * Ends a run in one statement when nothing else is involved (no parent waiting through step.invoke; the
   * caller knows whether any function listens for finish or failure events). Writes nothing and returns false
   * when our lease is gone, the run already ended or has a parent: the caller then takes the general path.
   */
  async finishAlone(
    item: QueueItem,
    runId: string,
    outcome: { status: "completed"; output: unknown } | { status: "failed"; error: SerializedError },
    now: Date,
  ): Promise<boolean> {
    const output = outcome.status === "completed" ? JSON.stringify(outcome.output ?? null) : null;
    const error = outcome.status === "failed" ? JSON.stringify(outcome.error) : null;
    const rows = await this.prisma.$queryRaw<{ ended: number }[]>`
      WITH ended AS (
        UPDATE executor_runs
        SET status = ${outcome.status}::"ExecutorRunStatus", output = ${output}::jsonb, error = ${error}::jsonb,
            ended_at = ${now.toISOString()}::timestamptz
        WHERE id = ${runId} AND status = 'running' AND parent_run_id IS NULL
          AND EXISTS (SELECT 1 FROM executor_queue_items WHERE id = ${item.id} AND lease_owner = ${this.owner})
        RETURNING id
      ), items AS (
        DELETE FROM executor_queue_items WHERE run_id = ${runId} AND EXISTS (SELECT 1 FROM ended)
      ), waits AS (
        DELETE FROM executor_waits WHERE run_id = ${runId} AND EXISTS (SELECT 1 FROM ended)
      )
      SELECT count(*)::int AS ended FROM ended`;
    return Number(rows[0]?.ended ?? 0) === 1;
  }

  /** A failed attempt to be retried at `availableAt`: the item goes back to the queue with its new attempt. */
  async scheduleRetry(item: QueueItem, retry: { attempt: number; availableAt: Date; lastError: string; stepName: string | null }): Promise<WriteEffects> {
    const updated = await this.prisma.executorQueueItem.updateMany({
      where: { id: item.id, leaseOwner: this.owner },
      data: {
        attempt: retry.attempt,
        availableAt: retry.availableAt,
        lastError: retry.lastError,
        stepName: retry.stepName ?? item.stepName,
        leaseUntil: null,
        leaseOwner: null,
      },
    });
    if (!updated.count) throw new LeaseLostError(item.id);
    return { dueNow: false, dueAt: [retry.availableAt] };
  }

  /**
   * Writes a call's results: memoised steps, planned steps, sleeps, waits, invoked child runs. When the run has
   * nothing else in flight, the same queue item becomes its next discovery call and stays leased, so the caller
   * can continue the run at once without a round trip through the queue.
   */
  async advance(item: QueueItem, run: RunState, advance: Advance, now: Date): Promise<WriteEffects> {
    return this.transaction(async (tx) => {
      const locked = await this.bumpStepCount(tx, run.id, advance.memo.length, advance.parallel);
      if (!locked) {
        await tx.executorQueueItem.deleteMany({ where: { id: item.id, leaseOwner: this.owner } });
        return { dueNow: false, dueAt: [] };
      }
      const firstSeq = locked.stepCount - advance.memo.length;
      if (advance.memo.length) {
        await tx.executorStep.createMany({
          data: advance.memo.map((step, i) => ({
            runId: run.id,
            hash: step.hash,
            seq: firstSeq + i,
            name: step.name,
            op: step.op,
            attempts: step.attempts,
            result: json(step.result),
          })),
          skipDuplicates: true,
        });
      }
      const group = { concurrencyKeys: run.concurrencyKeys, concurrencyLimits: run.concurrencyLimits };
      const dueAt: Date[] = [];
      const newItems: Prisma.ExecutorQueueItemCreateManyInput[] = [
        ...advance.planned.map((step) => ({
          id: randomUUID(),
          kind: "call" as const,
          runId: run.id,
          functionId: run.functionId,
          stepId: step.hash,
          stepName: step.name,
          availableAt: now,
          ...group,
        })),
        ...advance.sleeps.map((sleep) => {
          dueAt.push(sleep.until);
          return {
            id: randomUUID(),
            kind: "sleep" as const,
            runId: run.id,
            functionId: run.functionId,
            stepId: sleep.hash,
            stepName: sleep.name,
            availableAt: sleep.until,
          };
        }),
      ];
      const newWaits: Prisma.ExecutorWaitCreateManyInput[] = advance.waits.map((wait) => ({
        id: randomUUID(),
        runId: run.id,
        stepHash: wait.hash,
        stepName: wait.name,
        eventName: wait.eventName,
        expression: wait.expression,
        timeoutAt: wait.timeoutAt,
      }));
      if (advance.invokes.length) {
        const childIds = await this.createRuns(tx, advance.invokes.map((invoke) => invoke.child), now);
        advance.invokes.forEach((invoke, i) => {
          newWaits.push({
            id: randomUUID(),
            runId: run.id,
            stepHash: invoke.hash,
            stepName: invoke.name,
            childRunId: childIds[i],
            timeoutAt: invoke.timeoutAt,
          });
        });
      }
      for (const wait of newWaits) {
        if (!wait.timeoutAt) continue;
        const timeoutAt = new Date(wait.timeoutAt);
        dueAt.push(timeoutAt);
        // the timeout item shares the wait's id: whoever deletes the wait first (event, child or timeout) wins
        newItems.push({
          id: wait.id,
          kind: "timeout",
          runId: run.id,
          functionId: run.functionId,
          stepId: wait.stepHash,
          stepName: wait.stepName ?? null,
          availableAt: timeoutAt,
        });
      }
      if (newWaits.length) await tx.executorWait.createMany({ data: newWaits });
      if (newItems.length) await tx.executorQueueItem.createMany({ data: newItems });

      const createdWork = newItems.length > 0 || newWaits.length > 0;
      const idle = !createdWork && (!locked.parallel || (await this.outstanding(tx, run.id, item.id)) === 0);
      if (idle) {
        const continuation = await this.turnIntoDiscovery(tx, item, now);
        run.steps.push(...advance.memo.map((step) => ({ hash: step.hash, result: step.result })));
        run.parallel = locked.parallel;
        return { continuation, dueNow: advance.invokes.length > 0, dueAt };
      }
      const deleted = await tx.executorQueueItem.deleteMany({ where: { id: item.id, leaseOwner: this.owner } });
      if (!deleted.count) throw new LeaseLostError(item.id);
      return { dueNow: advance.planned.length > 0 || advance.invokes.length > 0, dueAt };
    });
  }

  /** A sleep is over or a wait timed out: memoise the step's result and continue the run. */
  async completeTimer(item: QueueItem, now: Date): Promise<WriteEffects> {
    if (!item.runId) throw new Error(`queue item ${item.id} (${item.kind}) has no run`);
    const runId = item.runId;
    return this.transaction(async (tx) => {
      const run = await this.lockRun(tx, runId);
      let step = { hash: item.stepId, name: item.stepName, op: "sleep" as StepOpKind, attempts: 1, result: { data: null } as StepResult };
      if (run && item.kind === "timeout") {
        const [wait] = await this.deleteWait(tx, item.id);
        if (wait?.childRunId) {
          // an invoke that times out fails its step
          const error = { name: "InngestInvokeTimeoutError", message: "timed out waiting for the invoked function to finish" };
          step = { ...step, op: "invoke", result: { error } };
        } else if (wait) {
          // a waitForEvent that times out resolves to null
          step = { ...step, op: "waitForEvent" };
        } else {
          // its event or child run resolved the wait in the same instant
          await tx.executorQueueItem.deleteMany({ where: { id: item.id } });
          return { dueNow: false, dueAt: [] };
        }
      }
      if (!run) {
        await tx.executorQueueItem.deleteMany({ where: { id: item.id } });
        return { dueNow: false, dueAt: [] };
      }
      await this.memoiseOne(tx, runId, run.stepCount, step);
      const idle = !run.parallel || (await this.outstanding(tx, runId, item.id)) === 0;
      if (idle) return { continuation: await this.turnIntoDiscovery(tx, item, now), dueNow: false, dueAt: [] };
      const deleted = await tx.executorQueueItem.deleteMany({ where: { id: item.id, leaseOwner: this.owner } });
      if (!deleted.count) throw new LeaseLostError(item.id);
      return { dueNow: false, dueAt: [] };
    });
  }

  /** A cron tick is due: start the function (once per tick, even with several executors) and move to the next. */
  async fireCron(item: QueueItem, seed: RunSeed | undefined, next: Date, now: Date): Promise<WriteEffects> {
    return this.transaction(async (tx) => {
      const started = seed ? await this.emitInternalEvent(tx, seed.event, [seed], now) : false;
      const moved = await tx.executorQueueItem.updateMany({
        where: { id: item.id, leaseOwner: this.owner },
        data: { availableAt: next, leaseUntil: null, leaseOwner: null },
      });
      if (!moved.count) throw new LeaseLostError(item.id);
      return { dueNow: started, dueAt: [next] };
    });
  }

  /**
   * Ends a run: status, output or error, no more queue items or waits. A parent waiting through step.invoke
   * gets the result; `inngest/function.failed` and `inngest/function.finished` start whatever listens to them
   * (onFailure handlers).
   */
  async finish(
    item: QueueItem | undefined,
    runId: string,
    outcome: { status: "completed"; output: unknown } | { status: "failed" | "cancelled"; error: SerializedError },
    route: Router,
    now: Date,
  ): Promise<WriteEffects & { finished: boolean }> {
    return this.transaction(async (tx) => {
      const ended = await tx.executorRun.updateManyAndReturn({
        where: { id: runId, status: "running" },
        data: {
          status: outcome.status,
          output: outcome.status === "completed" ? json(outcome.output) : Prisma.DbNull,
          error: outcome.status === "completed" ? Prisma.DbNull : json(outcome.error),
          endedAt: now,
        },
        select: { functionId: true, event: true, parentRunId: true },
      });
      if (item) {
        const deleted = await tx.executorQueueItem.deleteMany({ where: { id: item.id, leaseOwner: this.owner } });
        if (!deleted.count) throw new LeaseLostError(item.id);
      }
      if (!ended.length) return { dueNow: false, dueAt: [], finished: false };
      await tx.executorQueueItem.deleteMany({ where: { runId } });
      await tx.executorWait.deleteMany({ where: { runId } });
      const { functionId, event, parentRunId } = ended[0];
      let dueNow = false;

      if (parentRunId) {
        const wait = await tx.executorWait.findFirst({ where: { childRunId: runId }, select: { id: true, runId: true } });
        if (wait) {
          const result: StepResult = outcome.status === "completed" ? { data: outcome.output ?? null } : { error: outcome.error };
          dueNow = (await this.resolveWait(tx, wait.id, wait.runId, result, now)) || dueNow;
        }
      }

      const base = { function_id: functionId, run_id: runId, event };
      const emitted: EventPayload[] = [
        {
          id: `finished:${runId}`,
          name: FINISHED_EVENT,
          data: outcome.status === "completed" ? { ...base, result: outcome.output ?? null } : { ...base, error: outcome.error },
          ts: now.getTime(),
        },
      ];
      if (outcome.status === "failed") {
        emitted.push({ id: `failed:${runId}`, name: FAILED_EVENT, data: { ...base, error: outcome.error }, ts: now.getTime() });
      }
      for (const internal of emitted) {
        dueNow = (await this.emitInternalEvent(tx, internal, route(internal), now)) || dueNow;
      }
      return { dueNow, dueAt: [], finished: true };
    });
  }

  private async resolveWaitsWithEvents(tx: Tx, events: EventPayload[], matchWait: WaitMatcher, now: Date): Promise<boolean> {
    if (!events.length) return false;
    const names = [...new Set(events.map((event) => event.name))];
    const waits = await tx.executorWait.findMany({
      where: { eventName: { in: names }, run: { status: "running" } },
      select: { id: true, runId: true, eventName: true, expression: true, run: { select: { event: true } } },
      // one lock order for every transaction that locks several runs
      orderBy: [{ runId: "asc" }, { id: "asc" }],
    });
    let resolvedAny = false;
    for (const wait of waits) {
      const match = events.find((event) => event.name === wait.eventName && matchWait(wait.expression, wait.run.event, event));
      if (!match) continue;
      resolvedAny = (await this.resolveWait(tx, wait.id, wait.runId, { data: match }, now)) || resolvedAny;
    }
    return resolvedAny;
  }

  /** Completes a waiting step (event arrived, child finished); returns whether a discovery call was queued. */
  private async resolveWait(tx: Tx, waitId: string, runId: string, result: StepResult, now: Date): Promise<boolean> {
    const run = await this.lockRun(tx, runId);
    if (!run) return false;
    const deleted = await this.deleteWait(tx, waitId);
    if (!deleted.length) return false;
    const wait = deleted[0];
    await this.memoiseOne(tx, runId, run.stepCount, {
      hash: wait.stepHash,
      name: wait.stepName,
      op: wait.childRunId ? "invoke" : "waitForEvent",
      attempts: 1,
      result,
    });
    await tx.executorQueueItem.deleteMany({ where: { id: waitId } });
    if (run.parallel && (await this.outstanding(tx, runId)) > 0) return false;
    const functionId = run.functionId;
    await tx.executorQueueItem.create({
      data: {
        id: randomUUID(),
        kind: "call",
        runId,
        functionId,
        availableAt: now,
        concurrencyKeys: run.concurrencyKeys,
        concurrencyLimits: run.concurrencyLimits,
      },
    });
    return true;
  }

  /** Deletes a wait and returns it: exactly one of its event, child run or timeout gets to complete the step. */
  private async deleteWait(tx: Tx, waitId: string) {
    const rows = await tx.$queryRaw<{ step_hash: string; step_name: string | null; child_run_id: string | null }[]>`
      DELETE FROM executor_waits WHERE id = ${waitId} RETURNING step_hash, step_name, child_run_id`;
    return rows.map((row) => ({ stepHash: row.step_hash, stepName: row.step_name, childRunId: row.child_run_id }));
  }

  private async lockRun(tx: Tx, runId: string) {
    const rows = await tx.$queryRaw<
      { step_count: number; parallel: boolean; function_id: string; concurrency_keys: string[] | null; concurrency_limits: number[] | null }[]
    >`SELECT step_count, parallel, function_id, concurrency_keys, concurrency_limits
      FROM executor_runs WHERE id = ${runId} AND status = 'running' FOR UPDATE`;
    if (!rows.length) return null;
    const row = rows[0];
    return {
      stepCount: Number(row.step_count),
      parallel: row.parallel,
      functionId: row.function_id,
      concurrencyKeys: row.concurrency_keys ?? [],
      concurrencyLimits: row.concurrency_limits ?? [],
    };
  }

  /** Locks the run and reserves `count` stack positions; null when the run is no longer running. */
  private async bumpStepCount(tx: Tx, runId: string, count: number, parallel: boolean) {
    const rows = await tx.$queryRaw<{ step_count: number; parallel: boolean }[]>`
      UPDATE executor_runs SET step_count = step_count + ${count}, parallel = parallel OR ${parallel}
      WHERE id = ${runId} AND status = 'running'
      RETURNING step_count, parallel`;
    return rows.length ? { stepCount: Number(rows[0].step_count), parallel: rows[0].parallel } : null;
  }

  private async memoiseOne(
    tx: Tx,
    runId: string,
    seq: number,
    step: { hash: string; name: string | null; op: StepOpKind; attempts: number; result: StepResult },
  ): Promise<void> {
    await tx.executorRun.update({ where: { id: runId }, data: { stepCount: { increment: 1 } } });
    await tx.executorStep.createMany({
      data: [{ runId, hash: step.hash, seq, name: step.name, op: step.op, attempts: step.attempts, result: json(step.result) }],
      skipDuplicates: true,
    });
  }

  /** Queue items and waits of a run other than `exceptItemId`: work still in flight for it. */
  private async outstanding(tx: Tx, runId: string, exceptItemId?: string): Promise<number> {
    const items = await tx.executorQueueItem.count({ where: { runId, ...(exceptItemId ? { id: { not: exceptItemId } } : {}) } });
    if (items) return items;
    return tx.executorWait.count({ where: { runId } });
  }

  private async turnIntoDiscovery(tx: Tx, item: QueueItem, now: Date): Promise<QueueItem> {
    const updated = await tx.executorQueueItem.updateMany({
      where: { id: item.id, leaseOwner: this.owner },
      data: { kind: "call", stepId: "step", stepName: null, attempt: 0, availableAt: now, lastError: null },
    });
    if (!updated.count) throw new LeaseLostError(item.id);
    return { ...item, kind: "call", stepId: "step", stepName: null, attempt: 0, availableAt: now, cron: null };
  }

  /** Cancels a running run: its pending work is dropped; a parent waiting on it through step.invoke gets an error. */
  async cancel(runId: string, route: Router, now: Date): Promise<boolean> {
    const result = await this.finish(undefined, runId, { status: "cancelled", error: { name: "RunCancelled", message: "the run was cancelled" } }, route, now);
    return result.finished;
  }

  /**
   * Deletes finished runs (with their steps) that ended before `before`, and events received before it. An
   * event id is remembered only as long as its event is kept: a repeat sent after pruning starts a new run.
   */
  async prune(before: Date): Promise<{ runs: number; events: number }> {
    const runs = await this.prisma.executorRun.deleteMany({ where: { status: { not: "running" }, endedAt: { lt: before } } });
    const events = await this.prisma.executorEvent.deleteMany({ where: { receivedAt: { lt: before } } });
    return { runs: runs.count, events: events.count };
  }

  // ─────────────── observability ───────────────

  async listRuns(filter: { status?: ExecutorRunStatus; functionId?: string; eventId?: string; limit: number }): Promise<RunSummary[]> {
    const runs = await this.prisma.executorRun.findMany({
      where: { status: filter.status, functionId: filter.functionId, eventId: filter.eventId },
      orderBy: { startedAt: "desc" },
      take: filter.limit,
      select: {
        id: true,
        functionId: true,
        eventId: true,
        status: true,
        startedAt: true,
        endedAt: true,
        error: true,
        queueItems: { select: { attempt: true, availableAt: true, lastError: true }, orderBy: { availableAt: "asc" } },
      },
    });
    return runs.map((run) => summarise(run, run.queueItems));
  }

  async getRun(runId: string): Promise<RunDetail | null> {
    const run = await this.prisma.executorRun.findUnique({
      where: { id: runId },
      include: {
        steps: { orderBy: { seq: "asc" } },
        queueItems: { orderBy: { availableAt: "asc" } },
        waits: true,
      },
    });
    if (!run) return null;
    const waitItems = new Set(run.waits.map((wait) => wait.id));
    return {
      ...summarise(run, run.queueItems),
      event: run.event as EventPayload,
      output: run.output,
      error: run.error,
      parentRunId: run.parentRunId,
      steps: run.steps.map((step) => {
        const result = step.result as StepResult;
        return {
          hash: step.hash,
          name: step.name,
          op: step.op,
          seq: step.seq,
          attempts: step.attempts,
          status: "error" in result ? ("failed" as const) : ("completed" as const),
          result: "error" in result ? result.error : result.data,
          at: step.createdAt,
        };
      }),
      pending: [
        ...run.queueItems
          .filter((item) => !waitItems.has(item.id))
          .map((item) => ({
            kind: item.kind,
            stepId: item.stepId,
            stepName: item.stepName,
            attempt: item.attempt,
            dueAt: item.availableAt,
            leased: item.leaseUntil !== null && item.leaseUntil > new Date(),
            lastError: item.lastError,
          })),
        ...run.waits.map((wait) => ({
          kind: "wait" as const,
          stepId: wait.stepHash,
          stepName: wait.stepName,
          attempt: 0,
          dueAt: wait.timeoutAt,
          leased: false,
          lastError: null,
          waitingFor: wait.childRunId ? `run ${wait.childRunId}` : `event ${wait.eventName}${wait.expression ? ` if ${wait.expression}` : ""}`,
        })),
      ],
    };
  }
}

/** Decides whether an event satisfies a wait: its expression sees `event` (the run's trigger) and `async`. */
export type WaitMatcher = (expression: string | null, runEvent: unknown, incoming: EventPayload) => boolean;

export function expressionWaitMatcher(compile: (source: string) => CompiledExpression): WaitMatcher {
  return (expression, runEvent, incoming) =>
    expression === null || Boolean(compile(expression).evaluate({ event: runEvent, async: incoming }));
}

function summarise(
  run: { id: string; functionId: string; eventId: string; status: ExecutorRunStatus; startedAt: Date; endedAt: Date | null; error: unknown },
  items: { attempt: number; availableAt: Date; lastError: string | null }[],
): RunSummary {
  const next = items[0];
  const runError = run.error as SerializedError | null;
  return {
    id: run.id,
    functionId: run.functionId,
    eventId: run.eventId,
    status: run.status,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    attempt: next?.attempt ?? 0,
    nextDueAt: next?.availableAt ?? null,
    lastError: items.find((item) => item.lastError)?.lastError ?? (runError ? `${runError.name}: ${runError.message}` : null),
  };
}
