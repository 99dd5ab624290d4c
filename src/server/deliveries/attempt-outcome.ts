import type { DeliveryForAttempt } from "./load-delivery-for-attempt";

export type AttemptOutcome =
  | { done: true; status: "succeeded" | "failed" | "cancelled"; attempts: number }
  | { done: false; retryInSeconds: number; attempts: number }
  /** the endpoint's or the destination host's rate limit is spent: nothing was sent, the same attempt waits and tries again */
  | { done: false; throttledForSeconds: number; attempts: number };

/** A signed request ready to go out, and what recording its attempt needs. */
export type PreparedAttempt = {
  loaded: DeliveryForAttempt;
  /** the attempt's place in the endpoint's retry budget (1 = first try) */
  attemptIndex: number;
  headers: Record<string, string>;
  /** the headers as recorded: credentials redacted */
  recordedHeaders: Record<string, string>;
  body: string;
  sentAt: Date;
};
