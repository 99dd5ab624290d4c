/**
 * The web server's bridge from Node's HTTP server to a fetch-style route handler: what the handler sees of a
 * real request on 127.0.0.1, and what the client gets back.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { readCappedBytes } from "@/lib/read-capped-bytes";
import { serveWithFetchHandler, type FetchRouteHandler } from "./fetch-bridge";

const MAX_BODY_BYTES = 1024;
let server: http.Server;
let origin = "";
let seen: { method: string; url: string; headers: Record<string, string>; bodyBytes: number | null } | undefined;

/** Reads the body as the REST handlers do (stopping at the cap), unless the request is refused first. */
const echo: FetchRouteHandler = async (req) => {
  if (req.headers.get("authorization") === "Bearer refused") {
    seen = { method: req.method, url: req.url, headers: Object.fromEntries(req.headers), bodyBytes: null };
    return Response.json({ error: "unauthorized" }, { status: 401 });
  }
  const body = await readCappedBytes(req, MAX_BODY_BYTES);
  seen = { method: req.method, url: req.url, headers: Object.fromEntries(req.headers), bodyBytes: body?.length ?? null };
  if (!body) return Response.json({ error: "too large" }, { status: 413 });
  const headers = new Headers({ "content-type": "application/json", "x-answer": "42" });
  headers.append("set-cookie", "a=1");
  headers.append("set-cookie", "b=2");
  return new Response(JSON.stringify({ received: body.length }), { status: 202, headers });
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    void serveWithFetchHandler(echo, req, res, { origin: "http://127.0.0.1:1", extraHeaders: [{ key: "X-Content-Type-Options", value: "nosniff" }] });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A raw HTTP/1.1 exchange: the request head and as much of a body as given, then what the server answers. */
async function rawExchange(head: string, body: Buffer): Promise<string> {
  const { port } = new URL(origin);
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), "127.0.0.1", () => {
      socket.write(head);
      socket.write(body);
    });
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
    setTimeout(() => socket.destroy(), 5_000);
  });
}

describe("serving a fetch-style route handler on Node's HTTP server", () => {
  it("hands the handler the method, path, query, headers and body, and the client the handler's answer", async () => {
    const res = await request(`${origin}/api/v2/messages?x=1`, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json", host: "evil.example" },
      body: JSON.stringify({ hello: "world" }),
    });
    expect(res.statusCode).toBe(202);
    expect(await res.body.json()).toEqual({ received: 17 });
    expect(res.headers["x-answer"]).toBe("42");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-length"]).toBe(String(JSON.stringify({ received: 17 }).length));
    expect(res.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(res.headers.connection).toBe("keep-alive");
    expect(seen).toMatchObject({ method: "POST", bodyBytes: 17, headers: { authorization: "Bearer k", "content-type": "application/json" } });
    // the request's Host names no origin the handler sees: the configured one does
    expect(seen!.url).toBe("http://127.0.0.1:1/api/v2/messages?x=1");
  });

  it("refuses a body over the handler's cap while it streams in, answers, and closes the connection", async () => {
    // the head promises 4 MiB; 64 KiB are sent and the rest never comes: the answer must not wait for it
    const answer = await rawExchange(
      "POST /api/v2/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
      Buffer.concat([Buffer.from("10000\r\n"), Buffer.alloc(0x10000, 0x61), Buffer.from("\r\n")]),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain("connection: close");
  });

  it("reads nothing of the body of a request the handler refuses first", async () => {
    const answer = await rawExchange(
      "POST /api/v2/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer refused\r\nContent-Length: 100000000\r\n\r\n",
      Buffer.alloc(1000, 0x61),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer.toLowerCase()).toContain("connection: close");
    expect(seen?.bodyBytes).toBeNull();
  });

  it("gives a GET no body", async () => {
    const res = await request(`${origin}/anything`);
    expect(res.statusCode).toBe(202);
    await res.body.text();
    expect(seen).toMatchObject({ method: "GET", bodyBytes: 0 });
  });
});
