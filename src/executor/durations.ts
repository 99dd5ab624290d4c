/**
 * Time values of the Inngest protocol: "time strings" (SDK spec §1.3.2, e.g. "300ms", "2h45m"), the ISO dates
 * `step.sleepUntil` sends, and the `Retry-After` header (seconds, an ISO date, or an HTTP date).
 */

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const TIME_STRING = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d|w))+$/;
const TIME_STRING_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)/g;

/** Milliseconds of a time string, or undefined when the text is not one. */
export function parseTimeString(text: string): number | undefined {
  if (!TIME_STRING.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(TIME_STRING_PART)) total += Number(amount) * UNIT_MS[unit];
  return total;
}

/**
 * The instant a sleep or timeout ends: a time string is relative to `now`, anything else must be a date.
 * Throws on text that is neither, so a malformed op fails loudly instead of sleeping for zero.
 */
export function resolveDeadline(text: string, now: Date): Date {
  const relative = parseTimeString(text);
  if (relative !== undefined) return new Date(now.getTime() + Math.ceil(relative));
  const absolute = Date.parse(text);
  if (Number.isNaN(absolute)) throw new Error(`"${text}" is neither a time string nor a date`);
  return new Date(absolute);
}

/** Delay in ms asked for by a Retry-After header, or undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/**
 * Default retry schedule between attempts (0-based number of the attempt that failed): 10 s doubling up to
 * one hour, with ±20 % jitter so a burst of failures does not retry in lockstep. Close to Inngest's own.
 */
export function defaultBackoff(failedAttempt: number): number {
  const base = Math.min(10_000 * 2 ** failedAttempt, 3_600_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
