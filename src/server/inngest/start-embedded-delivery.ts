import { startEmbeddedExecutor, type EmbeddedExecutorOptions } from "@/executor/start-embedded";
import { sweepUnsentDeliveries } from "@/server/deliveries/sweep-unsent-deliveries";

/**
 * A server process's start-up in embedded mode: its executor, then every delivery committed while no
 * executor ran (seeded demo data, a crash after commit) goes out. The Next server's instrumentation starts
 * this way, and so does the reliability suites' pipeline process, so a SIGKILL test exercises this recovery.
 * `sweep` settles when the start-up sweep is done; a failed sweep is logged, never fatal.
 */
export async function startEmbeddedDelivery(options: EmbeddedExecutorOptions) {
  const executor = await startEmbeddedExecutor(options);
  const sweep = sweepUnsentDeliveries({ db: options.prisma, graceMs: 0 }).then(
    () => undefined,
    (error: unknown) => console.error("[hookline] start-up sweep failed", error),
  );
  return { executor, sweep };
}
