import type http from "node:http";

/** A route handler as Next.js calls it: a fetch `Request` in, a `Response` out. */
export type FetchRouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * The request's body, read up to `maxBytes` + 1 bytes: enough for the handler's own cap to refuse an oversized
 * one (413 in the API's shape), never more, whatever Content-Length says. The rest of an oversized upload is
 * not read; the connection is closed after the answer.
 */
async function readBodyUpTo(req: http.IncomingMessage, maxBytes: number): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    chunks.push(bytes);
    if (size > maxBytes) return { body: Buffer.concat(chunks), truncated: true };
  }
  return { body: Buffer.concat(chunks), truncated: false };
}

function headersOf(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/**
 * Serves one request with a fetch-style route handler on Node's HTTP server, as Next.js would call it (a
 * `Request` of the method, URL, headers and body; params resolved), without Next's routing and rendering
 * work around it. `origin` is the server's own: the request's path is appended to it, its Host is not trusted.
 */
export async function serveWithFetchHandler(
  handler: FetchRouteHandler,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: { origin: string; maxBodyBytes: number; extraHeaders: ReadonlyArray<{ key: string; value: string }> },
): Promise<void> {
  const { body, truncated } = await readBodyUpTo(req, options.maxBodyBytes);
  const method = req.method ?? "GET";
  const request = new Request(`${options.origin}${req.url}`, {
    method,
    headers: headersOf(req),
    body: method === "GET" || method === "HEAD" ? undefined : (body as Uint8Array<ArrayBuffer>),
  });
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
  if (truncated) headers.connection = "close";
  res.writeHead(response.status, headers).end(payload);
}
