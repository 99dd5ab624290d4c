/**
 * The SDK's HTTP call protocol (SDK spec §4.4 and §5): the body of a call request, and what a response means.
 * Pure functions: no database, no clock except the one passed in.
 */
import { z } from "zod";
import { canonicalJson } from "./signing";
import { parseRetryAfter } from "./durations";

/** A memoised step result exactly as the SDK expects it back. */
export type StepResult = { data: unknown } | { error: unknown };

export type MemoisedStep = { hash: string; result: StepResult };

export type EventPayload = {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: Record<string, unknown>;
  v?: string;
};

export type CallContext = {
  runId: string;
  event: EventPayload;
  /** memoised results in the order they were memoised (the stack) */
  steps: readonly MemoisedStep[];
  attempt: number;
  maxAttempts: number;
  /** once a run went parallel the SDK must plan each step instead of running it in the discovery call */
  disableImmediateExecution: boolean;
  /**
   * Lets SDK v4 run several steps in one call, reporting each result to our checkpoint API as it goes
   * (it does so only for discovery calls of runs that are not parallel).
   */
  checkpointing?: { functionId: string; queueItemId: string };
};

/**
 * The JSON body of a call request, canonicalised (RFC 8785) because the SDK verifies the signature over the
 * canonical form of what it parsed. `ctx.fn_id` and `ctx.qi_id` switch SDK v4 to async checkpointing.
 */
export function callRequestBody(context: CallContext): string {
  const steps: Record<string, StepResult> = {};
  for (const step of context.steps) steps[step.hash] = step.result;
  return canonicalJson({
    event: context.event,
    events: [context.event],
    steps,
    version: 2,
    ctx: {
      run_id: context.runId,
      attempt: context.attempt,
      max_attempts: context.maxAttempts,
      disable_immediate_execution: context.disableImmediateExecution,
      use_api: false,
      stack: { stack: context.steps.map((step) => step.hash), current: context.steps.length },
      ...(context.checkpointing ? { fn_id: context.checkpointing.functionId, qi_id: context.checkpointing.queueItemId } : {}),
    },
  });
}

const opSchema = z.looseObject({
  id: z.string().min(1),
  op: z.string().min(1),
  name: z.string().optional(),
  displayName: z.string().optional(),
  opts: z.record(z.string(), z.unknown()).nullish(),
  data: z.unknown().optional(),
  error: z.unknown().optional(),
  userland: z.looseObject({ id: z.string() }).optional(),
});

export type Op = z.infer<typeof opSchema>;

const opsSchema = z.array(opSchema).min(1);

/** What the SDK posts to `/v1/checkpoint/{runId}/async`. */
export const checkpointSchema = z.looseObject({
  run_id: z.string(),
  qi_id: z.string(),
  steps: z.array(opSchema),
});

/** An error as the SDK serialises it; anything else is wrapped into this shape. */
export type SerializedError = { name: string; message: string; stack?: string; [key: string]: unknown };

export type RawResponse = {
  status: number;
  header(name: string): string | undefined;
  body: string;
};

export type CallOutcome =
  /** 200: the function returned */
  | { kind: "completed"; output: unknown }
  /** the call failed as a whole (thrown outside a step, transport failure, bad response) */
  | { kind: "failed"; error: SerializedError; retriable: boolean; retryAfterMs?: number }
  /** 206: steps to memoise, plan, sleep on or wait for */
  | { kind: "ops"; ops: Op[]; noRetry: boolean; retryAfterMs?: number };

export function asSerializedError(value: unknown, fallbackName = "Error"): SerializedError {
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.message === "string") {
      return { ...record, name: typeof record.name === "string" ? record.name : fallbackName, message: record.message };
    }
    // the SDK reports some failures as { error: "<text>" }
    if (typeof record.error === "string") return { name: fallbackName, message: record.error };
  }
  return { name: fallbackName, message: typeof value === "string" ? value : JSON.stringify(value) ?? String(value) };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** What a call response means, per SDK spec §4.4.3 and §5.1, plus the facts seen on the wire with SDK v4. */
export function interpretResponse(response: RawResponse, now: Date): CallOutcome {
  const noRetry = response.header("x-inngest-no-retry") === "true";
  const retryAfterMs = parseRetryAfter(response.header("retry-after"), now);
  const parsed = parseJson(response.body);

  if (response.status === 200) {
    if (!parsed.ok) {
      return { kind: "failed", error: { name: "InvalidResponse", message: "200 response body is not JSON" }, retriable: true };
    }
    return { kind: "completed", output: parsed.value };
  }

  if (response.status === 206) {
    const ops = parsed.ok ? opsSchema.safeParse(parsed.value) : undefined;
    if (!ops?.success) {
      return {
        kind: "failed",
        error: { name: "InvalidResponse", message: `206 response is not a list of step operations: ${response.body.slice(0, 200)}` },
        retriable: true,
      };
    }
    return { kind: "ops", ops: ops.data, noRetry, retryAfterMs };
  }

  const error = parsed.ok
    ? asSerializedError(parsed.value, `HTTP ${response.status}`)
    : { name: `HTTP ${response.status}`, message: response.body.slice(0, 500) || "empty response" };
  return { kind: "failed", error, retriable: !noRetry, retryAfterMs };
}
