/**
 * What a call's outcome does to a run, decided without touching the database: retry the same queue item later,
 * finish the run, or advance it (memoise results, plan steps, sleep, wait, invoke). The store then writes the
 * decision in one transaction.
 */
import { compileExpression, ExpressionError } from "./expressions";
import { resolveDeadline } from "./durations";
import { concurrencyGroupsFor, type ExecutableFunction } from "./function-config";
import type { RunSeed } from "./store";
import { asSerializedError, type CallOutcome, type EventPayload, type Op, type SerializedError, type StepResult } from "./protocol";

export type StepOpKind = "run" | "sleep" | "waitForEvent" | "invoke";

export type NewStep = { hash: string; name: string | null; op: StepOpKind; attempts: number; result: StepResult };

export type PlannedStep = { hash: string; name: string | null };
export type PlannedSleep = { hash: string; name: string | null; until: Date };
export type PlannedWait = { hash: string; name: string | null; eventName: string; expression: string | null; timeoutAt: Date };
export type PlannedInvoke = { hash: string; name: string | null; child: RunSeed; timeoutAt: Date | null };

export type Advance = {
  kind: "advance";
  memo: NewStep[];
  planned: PlannedStep[];
  sleeps: PlannedSleep[];
  waits: PlannedWait[];
  invokes: PlannedInvoke[];
  /** the SDK reported several steps at once: it must plan every later step before running it */
  parallel: boolean;
};

export type Transition =
  | { kind: "retry"; attempt: number; availableAt: Date; lastError: string; stepName: string | null }
  | { kind: "finish"; status: "completed"; output: unknown }
  | { kind: "finish"; status: "failed"; error: SerializedError }
  | Advance;

export type TransitionInput = {
  appId: string;
  runId: string;
  /** "step" (discovery) or the hash of the planned step this call ran */
  stepId: string;
  attempt: number;
  maxAttempts: number;
  outcome: CallOutcome;
  now: Date;
  backoff: (failedAttempt: number) => number;
  functions: ReadonlyMap<string, ExecutableFunction>;
};

export const INVOKED_EVENT = "inngest/function.invoked";

const RUN_OPS = new Set(["StepRun", "Step"]);

function stepName(op: Op): string | null {
  return op.userland?.id ?? op.displayName ?? op.name ?? null;
}

export function describeError(error: SerializedError): string {
  return error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message;
}

function retryOrFail(input: TransitionInput, error: SerializedError, retryAfterMs: number | undefined, name: string | null): Transition | undefined {
  if (input.attempt + 1 >= input.maxAttempts) return undefined;
  const delay = retryAfterMs ?? input.backoff(input.attempt);
  return {
    kind: "retry",
    attempt: input.attempt + 1,
    availableAt: new Date(input.now.getTime() + Math.max(0, delay)),
    lastError: describeError(error),
    stepName: name,
  };
}

function unsupported(op: Op): Transition {
  return {
    kind: "finish",
    status: "failed",
    error: {
      name: "UnsupportedOperation",
      message: `step "${stepName(op) ?? op.id}" uses the ${op.op} operation, which the embedded Inngest executor does not implement (step.fetch, step.ai, signals and defer need an Inngest server)`,
    },
  };
}

function optionString(op: Op, key: string): string | undefined {
  const value = op.opts?.[key];
  return typeof value === "string" ? value : undefined;
}

export function decideTransition(input: TransitionInput): Transition {
  const { outcome, now } = input;

  if (outcome.kind === "completed") return { kind: "finish", status: "completed", output: outcome.output };

  if (outcome.kind === "failed") {
    const retry = outcome.retriable ? retryOrFail(input, outcome.error, outcome.retryAfterMs, null) : undefined;
    return retry ?? { kind: "finish", status: "failed", error: outcome.error };
  }

  const advance: Advance = { kind: "advance", memo: [], planned: [], sleeps: [], waits: [], invokes: [], parallel: outcome.ops.length > 1 };
  const attempts = input.attempt + 1;

  for (const op of outcome.ops) {
    const name = stepName(op);
    if (RUN_OPS.has(op.op)) {
      advance.memo.push({ hash: op.id, name, op: "run", attempts, result: { data: op.data ?? null } });
    } else if (op.op === "StepError") {
      const error = asSerializedError(op.error);
      const retry = outcome.noRetry ? undefined : retryOrFail(input, error, outcome.retryAfterMs, name);
      if (retry) return retry;
      // out of attempts: memoise the error so the SDK throws it into the function, as for StepFailed
      advance.memo.push({ hash: op.id, name, op: "run", attempts, result: { error: op.error ?? error } });
    } else if (op.op === "StepFailed") {
      advance.memo.push({ hash: op.id, name, op: "run", attempts, result: { error: op.error ?? asSerializedError(op.error) } });
    } else if (op.op === "StepPlanned") {
      advance.planned.push({ hash: op.id, name });
    } else if (op.op === "Sleep") {
      const duration = optionString(op, "duration") ?? op.name;
      if (!duration) return unsupported(op);
      advance.sleeps.push({ hash: op.id, name, until: resolveDeadline(duration, now) });
    } else if (op.op === "WaitForEvent") {
      const eventName = optionString(op, "event") ?? op.name;
      const timeout = optionString(op, "timeout");
      const expression = optionString(op, "if") ?? null;
      if (!eventName || !timeout) return unsupported(op);
      if (expression) {
        try {
          compileExpression(expression, ["event", "async"]);
        } catch (error) {
          if (!(error instanceof ExpressionError)) throw error;
          return { kind: "finish", status: "failed", error: { name: "UnsupportedExpression", message: `step "${name}": ${error.message}` } };
        }
      }
      advance.waits.push({ hash: op.id, name, eventName, expression, timeoutAt: resolveDeadline(timeout, now) });
    } else if (op.op === "InvokeFunction") {
      const functionId = optionString(op, "function_id");
      const target = functionId ? input.functions.get(functionId) : undefined;
      if (!target) {
        advance.memo.push({
          hash: op.id,
          name,
          op: "invoke",
          attempts,
          result: { error: { name: "Error", message: `could not invoke "${functionId}": no such function in the synced app` } },
        });
        continue;
      }
      const payload = (op.opts?.payload ?? {}) as { data?: Record<string, unknown>; v?: string };
      const timeout = optionString(op, "timeout");
      const event: EventPayload = {
        // derived from the parent step so a repeated call cannot start the child twice
        id: `invoke:${input.runId}:${op.id}`,
        name: INVOKED_EVENT,
        data: payload.data ?? {},
        ts: now.getTime(),
        ...(payload.v ? { v: payload.v } : {}),
      };
      const groups = concurrencyGroupsFor(target, event);
      advance.invokes.push({
        hash: op.id,
        name,
        child: {
          appId: input.appId,
          functionId: target.id,
          event,
          maxAttempts: target.maxAttempts,
          concurrencyKeys: groups.keys,
          concurrencyLimits: groups.limits,
          parentRunId: input.runId,
          parentStepId: op.id,
        },
        timeoutAt: timeout ? resolveDeadline(timeout, now) : null,
      });
    } else if (op.op === "RunComplete") {
      return { kind: "finish", status: "completed", output: op.data ?? null };
    } else if (op.op === "StepNotFound") {
      // the planned step vanished (code changed mid-run): nothing to memoise, the next discovery moves on
      continue;
    } else {
      return unsupported(op);
    }
  }
  return advance;
}
