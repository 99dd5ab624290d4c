import type http from "node:http";
import type { AddressInfo } from "node:net";

/** A JSON answer from a plain Node HTTP server (the web server's own routes, a worker's). */
export function answerJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** A listen address as a URL's host: IPv6 in brackets, a wildcard address as loopback (nothing can call 0.0.0.0). */
function urlHost(address: string): string {
  if (address === "0.0.0.0" || address === "::") return "127.0.0.1";
  return address.includes(":") ? `[${address}]` : address;
}

/** Listens on `host`:`port` (0 picks a free port); resolves to the origin the server is reached at. */
export function listenOn(server: http.Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      resolve(`http://${urlHost(address.address)}:${address.port}`);
    });
  });
}
