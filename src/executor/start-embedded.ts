/**
 * Running the executor inside an app server process (Hookline's embedded mode): one executor per process, kept
 * on globalThis because Next.js evaluates modules separately for instrumentation, route handlers and server
 * components (and again on hot reload).
 */
import type { PrismaClient } from "../generated/prisma/client";
import { createExecutor, type Executor, type ExecutorLogger, type ExecutorOptions } from "./executor";
import { executorEnvironment, generateCredentials, readEmbeddedEnvironment, type ExecutorEnvironment } from "./signing";
import type { Transport } from "./transport";

const g = globalThis as unknown as { __embeddedInngestExecutor?: Promise<Executor> };

export type EmbeddedExecutorOptions = {
  prisma: PrismaClient;
  /** the app's serve URL as this process serves it, e.g. http://127.0.0.1:3000/api/inngest */
  appUrl: string;
  /** calls in flight at once (default 16) */
  concurrency?: number;
  /** how calls reach the serve handler (default: HTTP to `appUrl`); a process serving the functions itself may call them in-process */
  transport?: Transport;
  logger?: ExecutorLogger;
} & Pick<ExecutorOptions, "leaseMs" | "pollIntervalMs" | "backoff">;

/**
 * Fresh INNGEST_* variables for an app process whose executor will listen on `port` (127.0.0.1). A start script
 * sets them on the server process it spawns; startEmbeddedExecutor in that process then listens on that port
 * with those keys.
 */
export function embeddedExecutorEnvironment(port: number): ExecutorEnvironment {
  return executorEnvironment({ origin: `http://127.0.0.1:${port}`, ...generateCredentials() });
}

function refuseForeignInngestSettings(env: NodeJS.ProcessEnv): void {
  const dev = env.INNGEST_DEV;
  if (dev && !["0", "false"].includes(dev.toLowerCase())) {
    throw new Error("INNGEST_DEV is set: the app would talk to an Inngest dev server, not the embedded executor. Unset it.");
  }
  if (env.INNGEST_BASE_URL || env.INNGEST_SIGNING_KEY || env.INNGEST_EVENT_KEY) {
    throw new Error(
      "INNGEST_BASE_URL / INNGEST_SIGNING_KEY / INNGEST_EVENT_KEY point at an Inngest server: the embedded executor must not run as well.",
    );
  }
}

/**
 * Starts this process's executor once and returns it (later calls return the same one). Uses the INNGEST_*
 * variables when they already point at an embedded executor (see embeddedExecutorEnvironment); otherwise mints
 * credentials, listens on a free port and writes the variables into process.env — call it before the app's
 * Inngest client is created (instrumentation runs before route modules load; the SDK also re-reads the
 * environment on every request it serves).
 *
 * Resolves once the executor listens for events; the app is synced in the background, because the app cannot
 * answer the sync before this process starts serving.
 */
export function startEmbeddedExecutor(options: EmbeddedExecutorOptions): Promise<Executor> {
  if (!g.__embeddedInngestExecutor) {
    const starting = (async () => {
      const configured = readEmbeddedEnvironment(process.env);
      if (!configured) refuseForeignInngestSettings(process.env);
      const executor = createExecutor({
        prisma: options.prisma,
        appUrl: options.appUrl,
        port: configured?.port ?? 0,
        signingKey: configured?.signingKey,
        eventKey: configured?.eventKey,
        concurrency: options.concurrency,
        transport: options.transport,
        logger: options.logger,
        leaseMs: options.leaseMs,
        pollIntervalMs: options.pollIntervalMs,
        backoff: options.backoff,
      });
      await executor.start();
      Object.assign(process.env, executor.environment());
      return executor;
    })();
    g.__embeddedInngestExecutor = starting;
    // a failed start (port taken, database down) may be retried by a later call
    starting.catch(() => {
      if (g.__embeddedInngestExecutor === starting) g.__embeddedInngestExecutor = undefined;
    });
  }
  return g.__embeddedInngestExecutor;
}

/** Stops this process's executor, if any: calls in flight get a few seconds, the rest go back to the queue. */
export async function stopEmbeddedExecutor(): Promise<void> {
  const running = g.__embeddedInngestExecutor;
  g.__embeddedInngestExecutor = undefined;
  if (!running) return;
  const executor = await running.catch(() => undefined);
  await executor?.stop();
}
