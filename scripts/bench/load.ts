/**
 * Load generation for the bench: closed-loop (N requests always in flight) and open-loop (a fixed rate,
 * whatever the latency) runners, each bounded by a duration, and latency percentiles.
 */

export class Latencies {
  private samples = new Float64Array(1 << 14);
  private size = 0;

  add(ms: number) {
    if (this.size === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.size++] = ms;
  }

  get count() {
    return this.size;
  }

  /** p in [0, 100]; NaN when empty */
  percentile(p: number): number {
    if (!this.size) return NaN;
    const sorted = this.samples.slice(0, this.size).sort();
    const rank = Math.min(this.size - 1, Math.max(0, Math.ceil((p / 100) * this.size) - 1));
    return sorted[rank]!;
  }

  summary() {
    return { count: this.size, p50: this.percentile(50), p90: this.percentile(90), p99: this.percentile(99), max: this.percentile(100) };
  }
}

export type LoadResult = { ok: number; failed: number; elapsedMs: number; perSecond: number; latency: ReturnType<Latencies["summary"]>; errors: Record<string, number> };

function noteError(errors: Record<string, number>, error: unknown) {
  const key = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 120) : String(error).slice(0, 120);
  errors[key] = (errors[key] ?? 0) + 1;
}

/**
 * `concurrency` workers each send one request after another for `durationMs`. `send` resolves true for a
 * success; a thrown error or false counts as a failure. `shouldPause` (checked before each request) lets a
 * caller hold the load back, e.g. while a backlog is too deep.
 */
export async function closedLoop(options: {
  concurrency: number;
  durationMs: number;
  send: () => Promise<boolean>;
  shouldPause?: () => boolean;
}): Promise<LoadResult> {
  const latencies = new Latencies();
  const errors: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      if (options.shouldPause?.()) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      const t0 = performance.now();
      try {
        if (await options.send()) {
          ok++;
          latencies.add(performance.now() - t0);
        } else failed++;
      } catch (error) {
        failed++;
        noteError(errors, error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  return { ok, failed, elapsedMs, perSecond: ok / (elapsedMs / 1000), latency: latencies.summary(), errors };
}

/**
 * Starts `rate` requests per second for `durationMs`, each on schedule however long earlier ones take (at
 * most `maxInFlight` at once; requests that would exceed it are counted as `skipped`). Waits for the last ones.
 * `rate` may be a function: it is read on every tick, so a controller can steer the load while it runs.
 */
export async function openLoop(options: {
  rate: number | (() => number);
  durationMs: number;
  send: (index: number) => Promise<boolean>;
  maxInFlight?: number;
  onTick?: (elapsedMs: number) => void;
}): Promise<LoadResult & { skipped: number; offered: number }> {
  const latencies = new Latencies();
  const errors: Record<string, number> = {};
  const maxInFlight = options.maxInFlight ?? 1024;
  let ok = 0;
  let failed = 0;
  let skipped = 0;
  let started = 0;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  const t0 = performance.now();
  const rateNow = typeof options.rate === "function" ? options.rate : () => options.rate as number;
  let offered = 0;
  const launch = (index: number) => {
    if (inFlight >= maxInFlight) {
      skipped++;
      return;
    }
    inFlight++;
    const sentAt = performance.now();
    const task = options
      .send(index)
      .then(
        (success) => {
          if (success) {
            ok++;
            latencies.add(performance.now() - sentAt);
          } else failed++;
        },
        (error: unknown) => {
          failed++;
          noteError(errors, error);
        },
      )
      .finally(() => {
        inFlight--;
        pending.delete(task);
      });
    pending.add(task);
  };
  let lastTick = 0;
  let last = t0;
  // requests owed so far (fractional): the rate accrues credit, each request spends one
  let credit = 1;
  for (;;) {
    const now = performance.now();
    const elapsed = now - t0;
    if (elapsed >= options.durationMs) break;
    credit += ((now - last) * rateNow()) / 1000;
    last = now;
    while (credit >= 1) {
      credit--;
      offered++;
      launch(started++);
    }
    if (options.onTick && elapsed - lastTick >= 1000) {
      lastTick = elapsed;
      options.onTick(elapsed);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(pending);
  const elapsedMs = performance.now() - t0;
  return { ok, failed, skipped, offered, elapsedMs, perSecond: ok / (elapsedMs / 1000), latency: latencies.summary(), errors };
}

/** Epoch milliseconds with sub-millisecond precision: comparable with the receiver's clock (same machine). */
export const epochNow = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Least-squares slope of y over x (per unit of x); 0 for fewer than two points. */
export function slope(points: { x: number; y: number }[]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
