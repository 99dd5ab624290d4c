/**
 * The benchmark's webhook receiver, in its own process: answers every request 200 at once (empty body) and
 * counts what it got, so the bench can prove each published message arrived exactly once.
 *
 *   node --import tsx scripts/bench/receiver.ts          prints {"port": n} once listening on 127.0.0.1
 *
 * Webhooks are keyed by `x-hookline-message-id` + request path (one path per endpoint), so a fan-out message
 * counts once per endpoint. Requests without the header are the raw load (counted, not keyed).
 *
 * Control API (same port, never a webhook path):
 *   GET  /__control/stats           {raw, webhooks, keys, duplicates}
 *   POST /__control/lookup          body ["<message id>", …] → {"<id>": {first, count, paths}} (first: epoch ms)
 *   GET  /__control/dump            every key: [[messageId, path, count, firstEpochMs], …]
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

type Seen = { count: number; first: number };

// messageId → path → counts; first receipt in epoch ms with sub-millisecond precision
const byMessage = new Map<string, Map<string, Seen>>();
let raw = 0;
let webhooks = 0;
let duplicates = 0;

const now = () => performance.timeOrigin + performance.now();

function record(messageId: string, path: string, at: number) {
  webhooks++;
  let paths = byMessage.get(messageId);
  if (!paths) byMessage.set(messageId, (paths = new Map()));
  const seen = paths.get(path);
  if (seen) {
    seen.count++;
    duplicates++;
  } else {
    paths.set(path, { count: 1, first: at });
  }
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8") || "null"));
      } catch (error) {
        reject(error);
      }
    });
    req.on("error", reject);
  });
}

function control(req: http.IncomingMessage, res: http.ServerResponse) {
  const send = (body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
  };
  if (req.url === "/__control/stats") {
    req.resume();
    let keys = 0;
    for (const paths of byMessage.values()) keys += paths.size;
    return send({ raw, webhooks, keys, messages: byMessage.size, duplicates });
  }
  if (req.url === "/__control/lookup") {
    return void readJson(req).then(
      (ids) => {
        const out: Record<string, { first: number; count: number; paths: number }> = {};
        for (const id of Array.isArray(ids) ? (ids as string[]) : []) {
          const paths = byMessage.get(id);
          if (!paths) continue;
          let first = Infinity;
          let count = 0;
          for (const seen of paths.values()) {
            first = Math.min(first, seen.first);
            count += seen.count;
          }
          out[id] = { first, count, paths: paths.size };
        }
        send(out);
      },
      () => res.writeHead(400).end(),
    );
  }
  if (req.url === "/__control/dump") {
    req.resume();
    const rows: [string, string, number, number][] = [];
    for (const [messageId, paths] of byMessage) {
      for (const [path, seen] of paths) rows.push([messageId, path, seen.count, seen.first]);
    }
    return send(rows);
  }
  req.resume();
  res.writeHead(404).end();
}

const server = http.createServer((req, res) => {
  if (req.url?.startsWith("/__control/")) return control(req, res);
  const at = now();
  const messageId = req.headers["x-hookline-message-id"];
  if (typeof messageId === "string") record(messageId, req.url ?? "/", at);
  else raw++;
  // answer at once; the body is drained so the connection can be reused
  req.resume();
  res.writeHead(200, { "content-length": "0" }).end();
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
