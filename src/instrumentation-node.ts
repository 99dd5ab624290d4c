import { env } from "@/server/env";
import { ssrfGuardWarning } from "@/server/env-loader";
import { closeDb, getDb } from "@/server/db";
import { log } from "@/server/logging/logger";
import { answerUnroutableMethodsOnApiRoutes } from "@/server/rest/unroutable-method";

// Validate the environment before serving anything: a bad variable stops the server with a clear message.
const environment = env();
if (environment.role === "worker") {
  console.error("HOOKLINE_ROLE=worker is served by `npm run worker`, not by the web server: use HOOKLINE_ROLE=web or all here");
  process.exit(1);
}
const guardWarning = ssrfGuardWarning(environment);
if (guardWarning) log.warn({ component: "start-up" }, guardWarning);

type ShutdownStep = () => Promise<void>;
const g = globalThis as unknown as { __hooklineShutdown?: ShutdownStep[] };

// `npm run serve` skips scripts/start.ts: the server itself refuses the published demo password in production
if (environment.database.kind === "postgres" && !environment.seedDemo) {
  const { DemoPasswordInProductionError, findDemoPasswordAccount } = await import("@/server/tenants/find-demo-password-account");
  const email = await findDemoPasswordAccount({ db: await getDb() });
  if (email) {
    log.fatal({ component: "start-up" }, new DemoPasswordInProductionError(email).message);
    process.exit(1);
  }
}

if (!g.__hooklineShutdown) {
  const steps: ShutdownStep[] = [];
  g.__hooklineShutdown = steps;
  answerUnroutableMethodsOnApiRoutes();

  // before anything reads a secret: values sealed by an older version are bound to their endpoint now
  const { resealLegacySecrets } = await import("@/server/crypto/reseal-legacy-secrets");
  const { resealed } = await resealLegacySecrets({ db: await getDb(), encryptionKey: environment.encryptionKey });
  if (resealed) log.info({ component: "start-up", resealed }, "re-sealed secrets bound to their endpoint and tenant");

  const { configureOperationalWebhook } = await import("@/server/operational-events/configure-operational-webhook");
  await configureOperationalWebhook({ db: await getDb(), webhook: environment.operationalWebhook, encryptionKey: environment.encryptionKey });

  if (environment.execution === "embedded" && environment.role === "all") {
    // No Inngest server configured: run the functions with the embedded executor, bound to 127.0.0.1. A web
    // process (HOOKLINE_ROLE=web) sends its events to the worker's executor instead (INNGEST_BASE_URL).
    const { stopEmbeddedExecutor } = await import("@/executor/start-embedded");
    const { startEmbeddedDelivery } = await import("@/server/inngest/start-embedded-delivery");
    const port = process.env.PORT ?? "3000";
    await startEmbeddedDelivery({ prisma: await getDb(), appUrl: `http://127.0.0.1:${port}/api/inngest` });
    steps.push(stopEmbeddedExecutor);
  }
  if (environment.database.kind === "pglite") {
    // this process alone may open the PGlite directory: `npm run apikey` and `npm run operator` ask it instead
    const { startAdminChannel } = await import("@/server/admin-channel/start-admin-channel");
    steps.push(await startAdminChannel({ dataDir: environment.dataDir, db: await getDb() }));
  }
  // last: PGlite must be closed or it replays its WAL on the next start
  steps.push(closeDb);

  // NEXT_MANUAL_SIG_HANDLE=true (set by `npm start`) hands signals to us.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void (async () => {
        for (const step of steps) {
          await step().catch((error: unknown) => log.error({ component: "shutdown", err: error }, "shutdown step failed"));
        }
        process.exit(0);
      })();
    });
  }
}
