import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = {
  method: string;
  /** path and query exactly as sent (what seed 003's receiver signs) */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  receivedAt: number;
};

export type ReceiverReply = { status: number; body?: string; headers?: Record<string, string>; delayMs?: number };

/**
 * A real webhook receiver on 127.0.0.1 for tests. `replies` are used in order, the last one repeats;
 * a function decides per request instead.
 */
export async function startReceiver(replies: ReceiverReply[] | ((request: ReceivedRequest) => ReceiverReply) = [{ status: 200 }]) {
  const received: ReceivedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: ReceivedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        receivedAt: Date.now(),
      };
      received.push(request);
      const reply = typeof replies === "function" ? replies(request) : replies[Math.min(received.length - 1, replies.length - 1)]!;
      const respond = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status, { "content-type": "text/plain", ...reply.headers });
        res.end(reply.body ?? "");
      };
      if (reply.delayMs) setTimeout(respond, reply.delayMs);
      else respond();
      for (const waiter of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    origin: `http://127.0.0.1:${port}`,
    received,
    /** resolves once `count` requests have arrived (or rejects after `timeoutMs`) */
    waitFor(count: number, timeoutMs = 30_000) {
      if (received.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver got ${received.length} of ${count} requests`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
