import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseBodyCapBytes, responseDrainLimitBytes, sendWebhook, type SendWebhookOptions } from "@/server/deliveries/send-webhook";
import { ssrfRefusalMessage } from "@/server/deliveries/ssrf-guard";
import { captureLogs } from "@/test/log-capture";

type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

const received: Received[] = [];
let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url!;
      received.push({
        method: req.method!,
        url: path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      if (path === "/ok") return res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
      if (path === "/fail") return res.writeHead(500).end("boom");
      if (path === "/redirect") return res.writeHead(302, { location: "/redirect-target" }).end();
      if (path === "/slow-headers") return void setTimeout(() => res.writeHead(200).end("late"), 3_000);
      if (path === "/slow-body") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("first part;");
        return void setTimeout(() => res.end("never in time"), 3_000);
      }
      if (path === "/binary") return res.writeHead(200).end(Buffer.from([0x68, 0x00, 0x69]));
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function send(url: string, overrides: Partial<SendWebhookOptions> = {}) {
  return sendWebhook({
    url,
    method: "POST",
    headers: { "content-type": "application/json", "x-custom": "yes" },
    body: '{"Type":"RiskAssessmentCalculated"}',
    timeoutMs: 2_000,
    allowPrivateNetworks: true,
    ...overrides,
  });
}

const hitsOn = (path: string) => received.filter((request) => request.url === path).length;

describe("sendWebhook against real receivers", () => {
  it("succeeds on 200, sending the body and headers exactly as given", async () => {
    const result = await send(`${origin}/ok`);
    expect(result).toMatchObject({
      succeeded: true,
      status: 200,
      body: '{"received":true}',
      bodyTruncated: false,
      headers: { "content-type": "application/json" },
    });
    expect(result.errorClass).toBeUndefined();
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const request = received.at(-1)!;
    expect(request).toMatchObject({ method: "POST", url: "/ok", body: '{"Type":"RiskAssessmentCalculated"}' });
    expect(request.headers).toMatchObject({ "content-type": "application/json", "x-custom": "yes" });
    expect(request.headers.host).toBe(new URL(origin).host);
  });

  it("classifies 500 as non_2xx and keeps the response", async () => {
    expect(await send(`${origin}/fail`)).toMatchObject({
      succeeded: false,
      status: 500,
      body: "boom",
      errorClass: "non_2xx",
      errorMessage: "HTTP 500",
    });
  });

  it("does not follow a redirect and reports it as a failure", async () => {
    const result = await send(`${origin}/redirect`);
    expect(result).toMatchObject({ succeeded: false, status: 302, errorClass: "redirect" });
    expect(result.errorMessage).toContain("/redirect-target");
    expect(hitsOn("/redirect-target")).toBe(0);
  });

  it("times out when the response headers are late", async () => {
    const result = await send(`${origin}/slow-headers`, { timeoutMs: 300 });
    expect(result).toMatchObject({ succeeded: false, errorClass: "timeout", errorMessage: "no complete response within 300 ms" });
    expect(result.status).toBeUndefined();
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it("times out when the body is late, keeping what arrived", async () => {
    const result = await send(`${origin}/slow-body`, { timeoutMs: 300 });
    expect(result).toMatchObject({ succeeded: false, status: 200, errorClass: "timeout", body: "first part;" });
  });

  it("classifies a closed port as connection_refused", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await send(`http://127.0.0.1:${port}/`)).toMatchObject({ succeeded: false, errorClass: "connection_refused" });
  });

  it.each([true, false])("classifies an unknown host as dns (private networks allowed: %s)", async (allowPrivateNetworks) => {
    const result = await send("http://nonexistent.invalid/hook", { allowPrivateNetworks });
    expect(result).toMatchObject({ succeeded: false, errorClass: "dns" });
    expect(result.errorMessage).toContain("ENOTFOUND");
  });

  it("classifies a TLS handshake failure as tls", async () => {
    const result = await send(`${origin.replace("http:", "https:")}/ok`);
    expect(result).toMatchObject({ succeeded: false, errorClass: "tls" });
  });

  it("caps the stored body and still reads a modest rest, so the connection is reused", async () => {
    // a receiver of its own, so the only pooled connection is the one that carried the big body
    let connections = 0;
    const bigReceiver = http.createServer((req, res) => {
      req.resume().on("end", () => res.writeHead(200).end(req.url === "/big" ? Buffer.alloc(responseBodyCapBytes + responseDrainLimitBytes, "x") : "ok"));
    });
    bigReceiver.on("connection", () => connections++);
    await new Promise<void>((resolve) => bigReceiver.listen(0, "127.0.0.1", resolve));
    const bigOrigin = `http://127.0.0.1:${(bigReceiver.address() as AddressInfo).port}`;
    try {
      const big = await send(`${bigOrigin}/big`);
      expect(big).toMatchObject({ succeeded: true, bodyTruncated: true });
      expect(big.body).toHaveLength(responseBodyCapBytes);
      // undici frees the socket for the next request a tick after the body ends
      await new Promise((resolve) => setImmediate(resolve));
      expect(await send(`${bigOrigin}/small`)).toMatchObject({ succeeded: true, body: "ok", bodyTruncated: false });
      expect(connections).toBe(1);
    } finally {
      bigReceiver.closeAllConnections();
      await new Promise<void>((resolve) => bigReceiver.close(() => resolve()));
    }
  });

  it("closes the connection of a receiver streaming without end, recording its status at once", async () => {
    let sent = 0;
    const endless = http.createServer((req, res) => {
      req.resume().on("end", () => {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        const chunk = Buffer.alloc(16 * 1024, "y");
        const pump = () => {
          while (!res.destroyed && res.write(chunk)) sent += chunk.length;
          if (!res.destroyed) res.once("drain", pump);
        };
        pump();
      });
    });
    const closed = new Promise<void>((resolve) => endless.on("connection", (socket) => socket.on("close", () => resolve())));
    await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
    try {
      const result = await send(`http://127.0.0.1:${(endless.address() as AddressInfo).port}/stream`, { timeoutMs: 30_000 });
      expect(result).toMatchObject({ succeeded: true, status: 200, bodyTruncated: true });
      expect(result.body).toHaveLength(responseBodyCapBytes);
      expect(result.durationMs).toBeLessThan(10_000);
      await closed;
      // what the receiver managed to push before the socket closed: socket buffers, not the stream
      expect(sent).toBeLessThan(16 * 1024 * 1024);
    } finally {
      endless.closeAllConnections();
      await new Promise<void>((resolve) => endless.close(() => resolve()));
    }
  });

  it("stores a binary body as text a database accepts", async () => {
    expect((await send(`${origin}/binary`)).body).toBe("h\uFFFDi");
  });

  it.each(["ftp://example.com/hook", "not a url"])("refuses %s without sending", async (url) => {
    expect(await send(url)).toMatchObject({ succeeded: false, errorClass: "connection" });
  });
});

describe("sendWebhook with private networks refused", () => {
  it.each([
    ["loopback", () => `${origin}/ok`, "127.0.0.1 is a loopback address"],
    ["a private network", () => "http://10.1.2.3/hook", "10.1.2.3 is a private network address"],
    ["cloud metadata", () => "http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"],
    ["IPv6 loopback", () => `http://[::1]:${new URL(origin).port}/ok`, "::1 is a loopback address"],
    ["IPv4-compatible IPv6 loopback", () => `http://[::7f00:1]:${new URL(origin).port}/ok`, "::7f00:1 is an IPv4-compatible IPv6 address"],
    ["a name resolving to loopback", () => `http://localhost:${new URL(origin).port}/ok`, "localhost resolves to 127.0.0.1"],
  ])("refuses %s before connecting, the detail only in the server log", async (_what, url, detail) => {
    const logs = captureLogs();
    const before = received.length;
    const result = await send(url(), { allowPrivateNetworks: false });
    expect(result).toMatchObject({ succeeded: false, errorClass: "ssrf_blocked", errorMessage: ssrfRefusalMessage });
    logs.restore();
    expect(logs.lines).toContainEqual(expect.objectContaining({ level: 40, detail: expect.stringContaining(detail) }));
    expect(result.durationMs).toBeLessThan(1_000);
    expect(received.length).toBe(before);
  });
});
