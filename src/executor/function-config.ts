/**
 * What an in-band sync returns, checked against what this executor implements. Every option a function sets is
 * either understood here or named in an UnsupportedConfigError: nothing is silently ignored, because a function
 * that relies on, say, `rateLimit` would otherwise run unthrottled without anyone noticing.
 */
import { z } from "zod";
import { compileExpression, ExpressionError, type CompiledExpression } from "./expressions";
import { CronError, parseCron, type CronSchedule } from "./cron";

/** Inngest's default when a function does not set `retries`: 3 retries, 4 attempts. */
const DEFAULT_ATTEMPTS = 4;

export type ConcurrencyScope = "fn" | "env" | "account";

export type ConcurrencyRule = {
  limit: number;
  scope: ConcurrencyScope;
  /** evaluated against the triggering event; absent = one group for the whole function (or scope) */
  key?: CompiledExpression;
};

export type EventTrigger = { event: string; filter?: CompiledExpression };

export type ExecutableFunction = {
  /** composite id, `<appId>-<functionId>` */
  id: string;
  name: string;
  /** total attempts per step: the function's `retries` + 1 */
  maxAttempts: number;
  eventTriggers: EventTrigger[];
  cronTriggers: CronSchedule[];
  concurrency: ConcurrencyRule[];
};

export type SyncedApp = {
  appId: string;
  functions: Map<string, ExecutableFunction>;
  /** the functions array as the SDK sent it, stored for observability */
  rawFunctions: unknown[];
};

export type ConfigProblem = { functionId: string; feature: string; detail?: string };

export class UnsupportedConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `The embedded Inngest executor cannot run this app:\n${problems
        .map((p) => `  - function "${p.functionId}" uses ${p.feature}${p.detail ? `: ${p.detail}` : ""}`)
        .join("\n")}\nRemove the option or run the app against an Inngest server (Inngest Cloud or \`inngest start\`).`,
    );
    this.name = "UnsupportedConfigError";
  }
}

export const syncResponseSchema = z.looseObject({
  app_id: z.string().min(1),
  functions: z.array(z.unknown()),
});

const concurrencyOptionSchema = z.strictObject({
  limit: z.number().int().min(0),
  key: z.string().optional(),
  scope: z.enum(["fn", "env", "account"]).optional(),
});

const functionSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  triggers: z.array(
    z.union([
      z.strictObject({ event: z.string().min(1), expression: z.string().optional() }),
      z.strictObject({ cron: z.string().min(1), jitter: z.string().optional() }),
    ]),
  ),
  steps: z.record(
    z.string(),
    z.looseObject({
      runtime: z.looseObject({ type: z.string(), url: z.string() }),
      retries: z.looseObject({ attempts: z.number().int().min(0).optional() }).optional(),
    }),
  ),
  concurrency: z.union([z.number().int().min(0), concurrencyOptionSchema, z.array(concurrencyOptionSchema)]).optional(),
});

const UNDERSTOOD_OPTIONS = new Set(["id", "name", "triggers", "steps", "concurrency"]);

/** Options Inngest servers implement and this executor does not, with what the user would lose. */
const REFUSED_OPTIONS: Record<string, string> = {
  idempotency: "idempotency keys",
  batchEvents: "event batching (batchEvents)",
  rateLimit: "rate limiting (rateLimit)",
  throttle: "throttling (throttle)",
  debounce: "debouncing (debounce)",
  priority: "run priority (priority)",
  singleton: "singleton runs (singleton)",
  cancel: "cancellation events (cancelOn)",
  timeouts: "run timeouts (timeouts)",
};

function problemFrom(functionId: string, feature: string, error: unknown): ConfigProblem {
  const detail = error instanceof ExpressionError || error instanceof CronError ? error.message : String(error);
  return { functionId, feature, detail };
}

function parseFunction(raw: unknown, problems: ConfigProblem[]): ExecutableFunction | undefined {
  const rawId = typeof raw === "object" && raw !== null && "id" in raw ? String(raw.id) : "(without id)";
  const parsed = functionSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push({ functionId: rawId, feature: "a configuration this executor cannot read", detail: parsed.error.message });
    return undefined;
  }
  const config = parsed.data;
  const id = config.id;
  const before = problems.length;

  for (const key of Object.keys(config)) {
    if (UNDERSTOOD_OPTIONS.has(key) || config[key] === null || config[key] === undefined) continue;
    problems.push({ functionId: id, feature: REFUSED_OPTIONS[key] ?? `the option "${key}"` });
  }

  const stepIds = Object.keys(config.steps);
  if (stepIds.length !== 1 || stepIds[0] !== "step") {
    problems.push({ functionId: id, feature: "a step layout other than the single 'step' entry", detail: stepIds.join(", ") });
  }
  const step = config.steps.step;
  if (step && step.runtime.type !== "http") {
    problems.push({ functionId: id, feature: `the "${step.runtime.type}" runtime (Inngest connect)`, detail: "only HTTP serve handlers are driven" });
  }

  const eventTriggers: EventTrigger[] = [];
  const cronTriggers: CronSchedule[] = [];
  for (const trigger of config.triggers) {
    if ("event" in trigger) {
      try {
        const filter = trigger.expression ? compileExpression(trigger.expression, ["event"]) : undefined;
        eventTriggers.push({ event: trigger.event, filter });
      } catch (error) {
        problems.push(problemFrom(id, `a trigger expression on "${trigger.event}"`, error));
      }
    } else if (trigger.jitter) {
      problems.push({ functionId: id, feature: "cron jitter", detail: trigger.cron });
    } else {
      try {
        cronTriggers.push(parseCron(trigger.cron));
      } catch (error) {
        problems.push(problemFrom(id, "a cron trigger", error));
      }
    }
  }

  const concurrency: ConcurrencyRule[] = [];
  const rawRules =
    config.concurrency === undefined
      ? []
      : typeof config.concurrency === "number"
        ? [{ limit: config.concurrency }]
        : Array.isArray(config.concurrency)
          ? config.concurrency
          : [config.concurrency];
  for (const rule of rawRules) {
    // 0 means "no limit" in Inngest's config
    if (rule.limit === 0) continue;
    const scope = "scope" in rule && rule.scope ? rule.scope : "fn";
    const keySource = "key" in rule ? rule.key : undefined;
    if (scope !== "fn" && !keySource) {
      problems.push({ functionId: id, feature: `concurrency with scope "${scope}" but no key` });
      continue;
    }
    try {
      concurrency.push({ limit: rule.limit, scope, key: keySource ? compileExpression(keySource, ["event"]) : undefined });
    } catch (error) {
      problems.push(problemFrom(id, "a concurrency key", error));
    }
  }

  if (problems.length > before) return undefined;
  return {
    id,
    name: config.name ?? id,
    maxAttempts: step.retries?.attempts === undefined ? DEFAULT_ATTEMPTS : step.retries.attempts + 1,
    eventTriggers,
    cronTriggers,
    concurrency,
  };
}

/** Turns a sync response into runnable functions, or throws UnsupportedConfigError naming every problem. */
export function parseSyncResponse(body: unknown): SyncedApp {
  const response = syncResponseSchema.parse(body);
  const problems: ConfigProblem[] = [];
  const functions = new Map<string, ExecutableFunction>();
  for (const raw of response.functions) {
    const fn = parseFunction(raw, problems);
    if (fn) functions.set(fn.id, fn);
  }
  if (problems.length) throw new UnsupportedConfigError(problems);
  return { appId: response.app_id, functions, rawFunctions: response.functions };
}

/** The concurrency groups a run joins, resolved from its triggering event. */
export function concurrencyGroupsFor(fn: ExecutableFunction, event: unknown): { keys: string[]; limits: number[] } {
  const keys: string[] = [];
  const limits: number[] = [];
  for (const rule of fn.concurrency) {
    const value = rule.key ? rule.key.evaluate({ event }) : undefined;
    const text = value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
    // a function-scoped group is private to the function; env/account groups are shared by key value
    keys.push(rule.scope === "fn" ? `fn:${fn.id}:${text}` : `${rule.scope}:${text}`);
    limits.push(rule.limit);
  }
  return { keys, limits };
}
