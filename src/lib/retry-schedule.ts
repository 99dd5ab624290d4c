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
