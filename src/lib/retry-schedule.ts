export type RetryPolicy = {
  retryCount: number;
  retryIntervalSeconds: number;
  backoff: "fixed" | "exponential";
};

/** Exponential backoff stops growing here: a day between attempts is as patient as receivers need. */
export const maxRetryDelaySeconds = 24 * 60 * 60;

/** Seconds to wait after failed attempt number `failedAttempt` (1-based) before the next one. */
export function retryDelaySeconds(policy: Pick<RetryPolicy, "retryIntervalSeconds" | "backoff">, failedAttempt: number): number {
  const base = Math.max(0, policy.retryIntervalSeconds);
  const delay = policy.backoff === "exponential" ? base * 2 ** (failedAttempt - 1) : base;
  return Math.min(delay, maxRetryDelaySeconds);
}

/** Offsets in seconds from the first attempt of every retry the policy allows (the portal's preview). */
export function retrySchedule(policy: RetryPolicy): number[] {
  const offsets: number[] = [];
  let elapsed = 0;
  for (let attempt = 1; attempt <= policy.retryCount; attempt++) {
    elapsed += retryDelaySeconds(policy, attempt);
    offsets.push(elapsed);
  }
  return offsets;
}

/** A receiver answering these asks for time with `Retry-After`: it is rate limiting (429) or briefly down (503). */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/** Seconds a `Retry-After` value asks for: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // digits alone were handled above: anything Date.parse reads now is a date, and a past date asks for no wait
  const at = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

export type RetryWait = {
  seconds: number;
  /** the receiver's Retry-After as honoured (capped); absent when it sent none that applies */
  retryAfterSeconds?: number;
};

/**
 * The wait after failed attempt number `failedAttempt`: the policy's backoff, or longer when the receiver
 * answered 429 or 503 with `Retry-After` — as long as it asks, but no longer than the policy's whole retry
 * schedule (a receiver cannot stretch the endpoint's patience) nor `maxRetryAfterSeconds` (the install's).
 */
export function retryWait({ policy, failedAttempt, status, retryAfter, now, maxRetryAfterSeconds }: {
  policy: RetryPolicy;
  failedAttempt: number;
  status: number | undefined;
  retryAfter: string | undefined;
  now: Date;
  maxRetryAfterSeconds: number;
}): RetryWait {
  const backoff = retryDelaySeconds(policy, failedAttempt);
  const requested = status !== undefined && RETRY_AFTER_STATUSES.has(status) ? parseRetryAfter(retryAfter, now) : undefined;
  if (requested === undefined) return { seconds: backoff };
  const scheduleSpan = retrySchedule(policy).at(-1) ?? 0;
  const retryAfterSeconds = Math.min(requested, Math.max(scheduleSpan, backoff), maxRetryAfterSeconds);
  return { seconds: Math.max(backoff, retryAfterSeconds), retryAfterSeconds };
}
