import http from "node:http";
import next from "next";
import { serve } from "inngest/node";
import { everyResponseHeaders } from "@/lib/response-headers.mjs";
import { env } from "@/server/env";
import { hooklineServeOptions, INNGEST_SERVE_PATH } from "@/server/inngest/serve-options";
import { answerJson, listenOn } from "@/lib/node-http";
import { log } from "@/server/logging/logger";
import { directRoutes } from "@/server/rest/publish-routes";
import { serveWithFetchHandler } from "./fetch-bridge";

type NextRequestHandler = ReturnType<ReturnType<typeof next>["getRequestHandler"]>;

export type WebServer = {
  /** where the server listens, e.g. http://127.0.0.1:3000 */
  origin: string;
  close(): Promise<void>;
};

/**
 * The web process in production: Next.js (pages, portal, tRPC, sign-in, every REST route) behind a plain Node
 * HTTP server that answers the requests whose rate is the product's throughput itself — publishing, and the
 * Inngest SDK's step calls — without Next's per-request work: the same route handlers (src/server/rest/
 * publish-routes.ts) and the same serve options as Next's `/api/inngest` route, the SDK's Node adapter as a
 * worker uses. Next's cost per request is about a CPU-millisecond here, more than the publish itself
 * (docs/benchmarks.md). Everything else goes to Next's request handler unchanged.
 *
 * Listens first: preparing Next runs the instrumentation, whose embedded executor (HOOKLINE_ROLE=all) syncs with
 * `/api/inngest`, answered 503 until then (the executor retries); other requests wait until Next is ready.
 */
export async function startWebServer({ dir, host, port }: { dir: string; host: string; port: number }): Promise<WebServer> {
  const served: { inngest?: http.RequestListener; next?: NextRequestHandler } = {};
  let ready!: () => void;
  const prepared = new Promise<void>((resolve) => (ready = resolve));
  let origin = "";
  const dispatch = (req: http.IncomingMessage, res: http.ServerResponse, nextHandler: NextRequestHandler) => {
    const path = (req.url ?? "/").split("?", 1)[0]!;
    const direct = path === req.url ? directRoutes.get(`${req.method} ${path}`) : undefined;
    if (direct) {
      serveWithFetchHandler(direct, req, res, { origin, extraHeaders: everyResponseHeaders }).catch((error: unknown) => {
        log.error({ component: "web", err: error, method: req.method, path }, "request failed");
        if (res.headersSent) res.destroy();
        else answerJson(res, 500, { error: { code: "INTERNAL", message: "Internal server error" } });
      });
      return;
    }
    if (path === INNGEST_SERVE_PATH) return void served.inngest!(req, res);
    void nextHandler(req, res);
  };
  const server = http.createServer((req, res) => {
    if (served.next) return dispatch(req, res, served.next);
    if (req.url?.split("?", 1)[0] === INNGEST_SERVE_PATH) {
      return answerJson(res, 503, { error: { code: "UNAVAILABLE", message: "Hookline is starting" } });
    }
    // as `next start` does, a request arriving while the app prepares waits for it
    void prepared.then(() => dispatch(req, res, served.next!));
  });
  origin = await listenOn(server, port, host);

  const app = next({ dir, dev: false, hostname: host, port: Number(new URL(origin).port) });
  await app.prepare();
  served.inngest = serve(hooklineServeOptions(env().inngestServeOrigin)) as http.RequestListener;
  served.next = app.getRequestHandler();
  ready();
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
