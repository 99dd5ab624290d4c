import type { ExecutorLogger } from "@/executor/executor";
import { startEmbeddedExecutor, type EmbeddedExecutorOptions } from "@/executor/start-embedded";
import { sweepUnsentDeliveries } from "@/server/deliveries/sweep-unsent-deliveries";
import { log } from "@/server/logging/logger";

const executorLog = log.child({ component: "inngest-executor" });

/** The executor knows nothing of the app's logger: its lines go to the app's through this adapter. */
export const executorLogger: ExecutorLogger = {
  debug: (message, details) => executorLog.debug(details ?? {}, message),
  info: (message, details) => executorLog.info(details ?? {}, message),
  warn: (message, details) => executorLog.warn(details ?? {}, message),
  error: (message, details) => executorLog.error(details ?? {}, message),
};

/**
 * A server process's start-up in embedded mode: its executor, then every delivery committed while no
 * executor ran (seeded demo data, a crash after commit) goes out. The Next server's instrumentation starts
 * this way, and so does the reliability suites' pipeline process, so a SIGKILL test exercises this recovery.
 * `sweep` settles when the start-up sweep is done; a failed sweep is logged, never fatal.
 *
 * `publishersElsewhereMs`: in a worker, web processes may be sending what they just committed while this one
 * starts, so the sweep waits that long and takes only deliveries older than that (rather than racing a send
 * into a second run); what their failed sends leave behind later is the minute sweep's.
 */
export async function startEmbeddedDelivery({ publishersElsewhereMs = 0, ...options }: EmbeddedExecutorOptions & { publishersElsewhereMs?: number }) {
  const executor = await startEmbeddedExecutor({ logger: executorLogger, ...options });
  const sweep = new Promise((resolve) => setTimeout(resolve, publishersElsewhereMs))
    .then(() => sweepUnsentDeliveries({ db: options.prisma, graceMs: publishersElsewhereMs }))
    .then(
      () => undefined,
      (error: unknown) => log.error({ component: "deliveries", err: error }, "start-up sweep failed"),
    );
  return { executor, sweep };
}
