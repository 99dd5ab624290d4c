import type http from "node:http";
import { Readable } from "node:stream";

/** A route handler as Next.js calls it: a fetch `Request` in, a `Response` out. */
export type FetchRouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

function headersOf(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/**
 * Serves one request with a fetch-style route handler on Node's HTTP server, as Next.js would call it (a
 * `Request` of the method, URL, headers and body; params resolved), without Next's routing and rendering
 * work around it. The body is streamed, not read ahead: the handler authenticates and rate-limits before it
 * reads any of it, and stops at its own cap. A request whose body was not read to its end is answered with
 * `Connection: close`, so nobody can keep the connection busy with the rest of an upload. `origin` is the
 * server's own: the request's path is appended to it, its Host is not trusted.
 */
export async function serveWithFetchHandler(
  handler: FetchRouteHandler,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: { origin: string; extraHeaders: ReadonlyArray<{ key: string; value: string }> },
): Promise<void> {
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const request = new Request(`${options.origin}${req.url}`, {
    method,
    headers: headersOf(req),
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
  const response = await handler(request, { params: Promise.resolve({}) });
  const payload = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  for (const { key, value } of options.extraHeaders) headers[key] = value;
  headers["content-length"] = String(payload.length);
  if (hasBody && !req.complete) headers.connection = "close";
  if (res.destroyed) return;
  res.writeHead(response.status, headers).end(payload);
}
