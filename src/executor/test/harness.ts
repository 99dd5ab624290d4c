/**
 * Test plumbing: a real HTTP server on 127.0.0.1 serving an Inngest app through `inngest/node`, an executor
 * pointed at it, and the INNGEST_* variables set before the app's client is created, as an app's start script
 * would do.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Inngest, InngestFunction } from "inngest";
import { serve } from "inngest/node";
import { createExecutor, type Executor, type ExecutorOptions } from "../executor";
import { httpTransport, type Transport } from "../transport";
import type { RunSummary } from "../store";

type AnyFunction = InngestFunction.Any;

export type ServedApp = { url: string; close(): Promise<void> };

/** Listens first and binds the handler later: the executor's URL must exist before the app's client is created. */
export async function listenForApp(): Promise<ServedApp & { bind(client: Inngest.Any, functions: AnyFunction[]): void }> {
  let handler: http.RequestListener | undefined;
  const server = http.createServer((req, res) => {
    if (!handler) {
      res.writeHead(503).end();
      return;
    }
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/inngest`,
    bind(client, functions) {
      handler = serve({ client, functions }) as http.RequestListener;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Starts an executor for an app built by `build` once the INNGEST_* variables point at the executor.
 * Returns the app too; `stop` tears both down and restores the environment.
 */
export async function startExecutorWithApp<App extends { inngest: Inngest.Any; functions: AnyFunction[] }>(
  options: Omit<ExecutorOptions, "appUrl">,
  build: () => App,
): Promise<{ executor: Executor; app: App; appUrl: string; callsOf(runId: string): number; stop(): Promise<void> }> {
  const served = await listenForApp();
  // counts the SDK calls made for each run, to check how many round trips a run costs
  const calls = new Map<string, number>();
  const http = httpTransport(served.url, { connections: options.concurrency ?? 16 });
  const transport: Transport = {
    send(request) {
      const runId = request.method === "POST" ? (JSON.parse(request.body) as { ctx: { run_id: string } }).ctx.run_id : "";
      calls.set(runId, (calls.get(runId) ?? 0) + 1);
      return http.send(request);
    },
    close: () => http.close(),
  };
  const executor = createExecutor({ logger: silentLogger, transport, ...options, appUrl: served.url });
  await executor.start();
  const saved = { ...process.env };
  Object.assign(process.env, executor.environment());
  const app = build();
  served.bind(app.inngest, app.functions);
  return {
    executor,
    app,
    appUrl: served.url,
    callsOf: (runId) => calls.get(runId) ?? 0,
    async stop() {
      await executor.stop();
      await served.close();
      for (const name of Object.keys(executor.environment())) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    },
  };
}

/** Polls until every run started by the event has finished (or the function's runs appear when given). */
export async function waitForRuns(
  executor: Executor,
  filter: { eventId: string; functionId?: string; count?: number },
  timeoutMs = 20_000,
): Promise<RunSummary[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await executor.listRuns({ eventId: filter.eventId, functionId: filter.functionId });
    if (runs.length >= (filter.count ?? 1) && runs.every((run) => run.status !== "running")) return runs;
    if (Date.now() > deadline) {
      throw new Error(`runs of event ${filter.eventId} did not finish in ${timeoutMs} ms: ${JSON.stringify(runs)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
