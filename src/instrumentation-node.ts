import { env } from "@/server/env";
import { closeDb, getDb } from "@/server/db";
import { answerUnroutableMethodsOnApiRoutes } from "@/server/rest/unroutable-method";

// Validate the environment before serving anything: a bad variable stops the server with a clear message.
const environment = env();

type ShutdownStep = () => Promise<void>;
const g = globalThis as unknown as { __hooklineShutdown?: ShutdownStep[] };

if (!g.__hooklineShutdown) {
  const steps: ShutdownStep[] = [];
  g.__hooklineShutdown = steps;
  answerUnroutableMethodsOnApiRoutes();

  if (environment.execution === "embedded") {
    // No Inngest server configured: run the functions with the embedded executor, bound to 127.0.0.1.
    const { startEmbeddedExecutor, stopEmbeddedExecutor } = await import("@/executor/start-embedded");
    const port = process.env.PORT ?? "3000";
    const db = await getDb();
    await startEmbeddedExecutor({ prisma: db, appUrl: `http://127.0.0.1:${port}/api/inngest` });
    steps.push(stopEmbeddedExecutor);
    // deliveries committed while no executor ran (seeded demo data, a crash after commit) go out now
    const { sweepUnsentDeliveries } = await import("@/server/deliveries/sweep-unsent-deliveries");
    sweepUnsentDeliveries({ db, graceMs: 0 }).catch((error) => console.error("[hookline] start-up sweep failed", error));
  }
  // last: PGlite must be closed or it replays its WAL on the next start
  steps.push(closeDb);

  // NEXT_MANUAL_SIG_HANDLE=true (set by `npm start`) hands signals to us.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void (async () => {
        for (const step of steps) {
          await step().catch((error) => console.error("[hookline] shutdown step failed", error));
        }
        process.exit(0);
      })();
    });
  }
}
