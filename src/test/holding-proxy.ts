import http from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";

/**
 * A real HTTP proxy on 127.0.0.1 in front of `target`, which can hold requests back: what a stalled or slow
 * service looks like to its callers. Held requests are forwarded, in order, once released.
 */
export async function startHoldingProxy(target: () => string) {
  let holding = false;
  const held: (() => void)[] = [];
  let forwarded = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const forward = async () => {
        forwarded++;
        const headers = { ...req.headers };
        delete headers.host;
        delete headers.connection;
        try {
          const answer = await request(`${target()}${req.url ?? "/"}`, { method: req.method as "POST", headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
          const body = Buffer.from(await answer.body.arrayBuffer());
          res.writeHead(answer.statusCode, { "content-type": String(answer.headers["content-type"] ?? "application/json") }).end(body);
        } catch {
          res.writeHead(502).end();
        }
      };
      if (holding) held.push(() => void forward());
      else void forward();
    });
  });
  const release = () => {
    holding = false;
    for (const forward of held.splice(0)) forward();
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** requests forwarded so far */
    get forwarded() {
      return forwarded;
    },
    /** requests arrived and held back */
    get waiting() {
      return held.length;
    },
    hold() {
      holding = true;
    },
    release,
    close: () =>
      new Promise<void>((resolve) => {
        release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
