/**
 * How requests reach the app's serve handler: over HTTP with undici (production; keep-alive pool, no global
 * fetch on the hot path), or by calling a fetch-style handler in-process (tests and benchmarks).
 */
import { Pool } from "undici";
import type { RawResponse } from "./protocol";

export type TransportRequest = {
  method: "POST" | "PUT";
  /** query parameters added to the serve URL (fnId, stepId) */
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
};

export type Transport = {
  send(request: TransportRequest): Promise<RawResponse>;
  /** releases connections; requests still in flight are aborted */
  close(): Promise<void>;
};

function withQuery(url: URL, query: Record<string, string>): URL {
  const target = new URL(url);
  for (const [name, value] of Object.entries(query)) target.searchParams.set(name, value);
  return target;
}

/** Calls the serve handler at `appUrl` over HTTP through a keep-alive connection pool. */
export function httpTransport(appUrl: string, options: { connections: number }): Transport {
  const url = new URL(appUrl);
  const pool = new Pool(url.origin, { connections: options.connections, keepAliveTimeout: 30_000, pipelining: 1 });
  return {
    async send(request) {
      const target = withQuery(url, request.query);
      const response = await pool.request({
        method: request.method,
        path: target.pathname + target.search,
        headers: request.headers,
        body: request.body,
        headersTimeout: request.timeoutMs,
        bodyTimeout: request.timeoutMs,
      });
      const body = await response.body.text();
      return {
        status: response.statusCode,
        header: (name) => {
          const value = response.headers[name.toLowerCase()];
          return Array.isArray(value) ? value[0] : value;
        },
        body,
      };
    },
    // called once the executor has given calls in flight their grace period: abort whatever is left
    close: () => pool.destroy(),
  };
}

/** A Web-standard request handler, such as each method `serve()` from `inngest/next` returns. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Calls serve handlers in this process: no sockets, same protocol. `appUrl` is what the SDK believes it serves. */
export function inProcessTransport(handlers: { POST: FetchHandler; PUT: FetchHandler }, appUrl: string): Transport {
  const url = new URL(appUrl);
  return {
    async send(request) {
      const response = await handlers[request.method](
        new Request(withQuery(url, request.query), {
          method: request.method,
          // as over HTTP: the SDK's fetch adapter resolves the request's URL against its Host
          headers: { host: url.host, ...request.headers },
          body: request.body,
          signal: AbortSignal.timeout(request.timeoutMs),
        }),
      );
      return { status: response.status, header: (name) => response.headers.get(name) ?? undefined, body: await response.text() };
    },
    close: async () => {},
  };
}
