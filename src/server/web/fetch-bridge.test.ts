/**
 * The web server's bridge from Node's HTTP server to a fetch-style route handler: what the handler sees of a
 * real request on 127.0.0.1, and what the client gets back.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { serveWithFetchHandler, type FetchRouteHandler } from "./fetch-bridge";

const MAX_BODY_BYTES = 1024;
let server: http.Server;
let origin = "";
let seen: { method: string; url: string; headers: Record<string, string>; bodyBytes: number } | undefined;

const echo: FetchRouteHandler = async (req) => {
  const body = new Uint8Array(await req.arrayBuffer());
  seen = { method: req.method, url: req.url, headers: Object.fromEntries(req.headers), bodyBytes: body.length };
  const headers = new Headers({ "content-type": "application/json", "x-answer": "42" });
  headers.append("set-cookie", "a=1");
  headers.append("set-cookie", "b=2");
  return new Response(JSON.stringify({ received: body.length }), { status: 202, headers });
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    void serveWithFetchHandler(echo, req, res, { origin: "http://127.0.0.1:1", maxBodyBytes: MAX_BODY_BYTES, extraHeaders: [{ key: "X-Content-Type-Options", value: "nosniff" }] });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

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
    expect(seen).toMatchObject({ method: "POST", bodyBytes: 17, headers: { authorization: "Bearer k", "content-type": "application/json" } });
    // the request's Host names no origin the handler sees: the configured one does
    expect(seen!.url).toBe("http://127.0.0.1:1/api/v2/messages?x=1");
  });

  it("reads an oversized body only just past the cap, so the handler's own cap refuses it, and closes the connection", async () => {
    const res = await request(`${origin}/api/v2/messages`, { method: "POST", body: Buffer.alloc(4 * 1024 * 1024, 0x61) });
    expect(res.statusCode).toBe(202);
    await res.body.text();
    expect(seen!.bodyBytes).toBeGreaterThan(MAX_BODY_BYTES);
    expect(seen!.bodyBytes).toBeLessThan(4 * 1024 * 1024);
    expect(res.headers.connection).toBe("close");
  });

  it("gives a GET no body", async () => {
    const res = await request(`${origin}/anything`);
    expect(res.statusCode).toBe(202);
    await res.body.text();
    expect(seen).toMatchObject({ method: "GET", bodyBytes: 0 });
  });
});
