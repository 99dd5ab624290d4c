/**
 * `npm run worker`: a worker process (HOOKLINE_ROLE=worker), serving Hookline's Inngest functions at
 * http://$HOST:$HOOKLINE_WORKER_PORT/api/inngest outside Next.js, with the embedded executor unless an Inngest
 * server is configured. `npm start` runs one beside the web process on PostgreSQL; run more for more capacity.
 */
import { makeProcessEnvPlain } from "../src/lib/plain-process-env.ts";
makeProcessEnvPlain();
const { closeDb } = await import("../src/server/db/index.ts");
const { env } = await import("../src/server/env.ts");
const { startWorker } = await import("../src/server/worker/start-worker.ts");

async function main() {
  process.env.HOOKLINE_ROLE ||= "worker";
  const environment = env();
  if (environment.role !== "worker") {
    throw new Error(`npm run worker runs a worker, but HOOKLINE_ROLE is ${environment.role}`);
  }
  const worker = await startWorker({ environment });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void (async () => {
        await worker.stop().catch((error: unknown) => console.error("[hookline] stopping the worker failed", error));
        await closeDb();
        process.exit(0);
      })();
    });
  }
  await worker.ready;
  console.log(`[hookline] worker serving ${worker.origin}/api/inngest (${environment.execution === "embedded" ? "embedded executor" : "called by the Inngest server"})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
