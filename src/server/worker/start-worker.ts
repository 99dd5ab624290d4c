import http from "node:http";
import { serve } from "inngest/node";
import { serve as serveFetchHandler } from "inngest/edge";
import { inProcessTransport, type FetchHandler } from "@/executor/transport";
import type { EmbeddedExecutorOptions } from "@/executor/start-embedded";
import { resealLegacySecrets } from "@/server/crypto/reseal-legacy-secrets";
import { getDb } from "@/server/db";
import type { Env } from "@/server/env-loader";
import { hooklineServeOptions, INNGEST_SERVE_PATH } from "@/server/inngest/serve-options";
import { answerJson, listenOn } from "@/lib/node-http";
import { scrapeAccess, scrapeMetrics } from "@/server/metrics/scrape-metrics";

export const WORKER_SERVE_PATH = INNGEST_SERVE_PATH;
/** The deliveries a worker makes are counted in its own registry, so Prometheus scrapes each worker too. */
const WORKER_METRICS_PATH = "/api/metrics";

/** How long a web process's hand-over of what it just committed may take; the start-up sweep leaves younger deliveries to it. */
const WEB_SEND_GRACE_MS = 5_000;

export type Worker = {
  /** where this worker serves, e.g. http://127.0.0.1:3288 */
  origin: string;
  /** resolves once the embedded executor (if this worker runs one) has synced and swept: deliveries flow */
  ready: Promise<void>;
  /** stops taking work, lets calls in flight finish briefly, closes the server; the database stays open */
  stop(): Promise<void>;
};

export type WorkerOptions = {
  environment: Env;
  /** default: the environment's HOOKLINE_WORKER_PORT (0 picks a free one) */
  port?: number;
  /** the embedded executor's tuning (the reliability suites shorten its lease) */
  executor?: Omit<EmbeddedExecutorOptions, "prisma" | "appUrl">;
};

/** Like the web's `/api/metrics`: 404 while no token is configured, 401 without it, else the exposition. */
async function answerMetrics(req: http.IncomingMessage, res: http.ServerResponse, token: string | undefined) {
  const access = scrapeAccess(req.headers.authorization ?? null, token);
  if (access === "off") return answerJson(res, 404, { error: { code: "NOT_FOUND", message: "metrics are off: set HOOKLINE_METRICS_TOKEN" } });
  if (access === "denied") {
    res.setHeader("WWW-Authenticate", 'Bearer realm="hookline-metrics"');
    return answerJson(res, 401, { error: { code: "UNAUTHORIZED", message: "Send the metrics token as Authorization: Bearer <HOOKLINE_METRICS_TOKEN>" } });
  }
  const { contentType, body } = await scrapeMetrics();
  res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" }).end(body);
}

/**
 * A worker process: Hookline's Inngest functions served at `/api/inngest` by a plain Node server (the SDK's
 * Node adapter, no Next.js per step call), and with the embedded executor, that executor too, calling this
 * server. The web process publishes to the executor's intake (INNGEST_BASE_URL). Scheduled functions and
 * queued work live in the shared database, so any number of workers run each cron tick once and share the queue.
 */
export async function startWorker({ environment, port = environment.workerPort, executor: tuning }: WorkerOptions): Promise<Worker> {
  const db = await getDb();
  // deliveries read endpoint secrets: the worker may start before the web process has resealed them
  await resealLegacySecrets({ db, encryptionKey: environment.encryptionKey });

  // listening before the handler exists: the executor's address must be in the environment before the Inngest
  // client is created, and the executor's sync retries until the handler answers
  const served: { inngest?: http.RequestListener } = {};
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === WORKER_SERVE_PATH) {
      if (!served.inngest) return answerJson(res, 503, { error: { code: "UNAVAILABLE", message: "the worker is starting" } });
      return void served.inngest(req, res);
    }
    if (path === "/api/health" && (req.method === "GET" || req.method === "HEAD")) return answerJson(res, 200, { status: "ok", role: "worker" });
    if (path === WORKER_METRICS_PATH && req.method === "GET") return void answerMetrics(req, res, environment.metricsToken);
    answerJson(res, 404, { error: { code: "NOT_FOUND", message: `this worker serves ${WORKER_SERVE_PATH}, /api/health and ${WORKER_METRICS_PATH}` } });
  });
  const origin = await listenOn(server, port, environment.workerHost);

  const serveOrigin = environment.workerServeOrigin ?? origin;
  let stopExecutor: (() => Promise<void>) | undefined;
  let ready: Promise<void> = Promise.resolve();
  if (environment.execution === "embedded") {
    const { startEmbeddedDelivery } = await import("@/server/inngest/start-embedded-delivery");
    const { stopEmbeddedExecutor } = await import("@/executor/start-embedded");
    const appUrl = `${origin}${WORKER_SERVE_PATH}`;
    // The executor calls the functions of this very process: through the SDK's fetch adapter with the same serve
    // options, no socket and no HTTP parsing per step call (an Inngest server calls the Node handler below).
    // Created on the first call, once the executor has put its address and keys in the environment.
    let inProcess: FetchHandler | undefined;
    const callFunctions: FetchHandler = (request) => (inProcess ??= serveFetchHandler(hooklineServeOptions(serveOrigin)))(request);
    const { executor, sweep } = await startEmbeddedDelivery({
      ...tuning,
      prisma: db,
      appUrl,
      transport: inProcessTransport({ POST: callFunctions, PUT: callFunctions }, appUrl),
      publishersElsewhereMs: WEB_SEND_GRACE_MS,
    });
    stopExecutor = stopEmbeddedExecutor;
    ready = executor.whenReady().then(() => sweep);
  }
  served.inngest = serve(hooklineServeOptions(serveOrigin)) as http.RequestListener;

  return {
    origin,
    ready,
    async stop() {
      await stopExecutor?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
