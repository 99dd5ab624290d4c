import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { api, routes } from "./rest-test-support";
import { answerUnroutableMethodsOnApiRoutes } from "./unroutable-method";

// Every API route answers every method: what it serves, HEAD wherever GET is, OPTIONS with its Allow, and a
// JSON 405 with that Allow for anything else (TRACE included) — never Next's empty 405 or bare 500. The
// routes come from rest-test-support's table (a guard in openapi.test.ts ties the route files to the document,
// and the one below ties the table to the document), what each serves from the OpenAPI document.

const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const sampleId = "0b6c1c2e-8e4f-4c55-9d0b-1f1f4b0c9a11";
const concrete = (pattern: string) => pattern.replace(/\[\w+\]/g, sampleId);
const template = (pattern: string) => pattern.replace(/\[(\w+)\]/g, "{$1}");

function served(pattern: string): string[] {
  const item = (openApiDocument().paths ?? {})[template(pattern)] ?? {};
  return ROUTE_METHODS.filter((method) => method.toLowerCase() in item);
}

function expectedAllow(pattern: string): string {
  const methods = served(pattern);
  return [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
}

describe("methods on every API route", () => {
  it("the route table covers every path of the OpenAPI document", () => {
    expect(routes.map(([pattern]) => template(pattern)).sort()).toEqual(Object.keys(openApiDocument().paths ?? {}).sort());
  });

  describe.each(routes.map(([pattern, module]) => ({ pattern, module })))("$pattern", ({ pattern, module }) => {
    it("exports a handler for every method Next.js routes, so Next never answers for it", () => {
      const exported = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"].filter((method) => method in module);
      // HEAD of a GET route is Next's: the GET handler, without the body
      const expected = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"].filter((method) => method !== "HEAD" || !served(pattern).includes("GET"));
      expect(exported).toEqual(expected);
    });

    it("answers OPTIONS with 204 and Allow", async () => {
      const response = await api(`OPTIONS ${concrete(pattern)}`);
      expect(response.status).toBe(204);
      expect(response.headers.get("Allow")).toBe(expectedAllow(pattern));
    });

    it("answers every other method with a JSON 405 and Allow", async () => {
      const refused = [...ROUTE_METHODS.filter((method) => !served(pattern).includes(method)), ...(served(pattern).includes("GET") ? [] : ["HEAD"])];
      for (const method of refused) {
        const response = await api(`${method} ${concrete(pattern)}`);
        expect(response.status, method).toBe(405);
        expect(response.headers.get("Allow"), method).toBe(expectedAllow(pattern));
        if (method !== "HEAD") expect(response.body, method).toMatchObject({ error: { code: "METHOD_NOT_ALLOWED", message: expect.stringContaining(method) } });
      }
    });
  });
});

describe("over HTTP, methods fetch cannot carry", () => {
  let server: http.Server;
  let origin = "";

  beforeAll(async () => {
    answerUnroutableMethodsOnApiRoutes();
    // stands in for Next's server: the request reaches the route table with whatever method Node hands over
    server = http.createServer((req, res) => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
      void api(`${req.method} ${req.url}`, { headers }).then((response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(response.text);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (method: string, path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; allow?: string; body: string }>((resolve, reject) => {
      http
        .request(`${origin}${path}`, { method, headers }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
          res.on("end", () => resolve({ status: res.statusCode!, allow: res.headers.allow, body }));
        })
        .on("error", reject)
        .end();
    });

  it.each([
    ["/api/v2/webhook_endpoint", "GET, POST, HEAD, OPTIONS"],
    [`/api/v2/webhook_endpoint/${sampleId}/secret`, "GET, PATCH, HEAD, OPTIONS"],
    ["/api/v2/messages", "POST, OPTIONS"],
    ["/api/v2/tenants", "GET, POST, HEAD, OPTIONS"],
    [`/notifications/webhooks/${sampleId}`, "GET, POST, DELETE, HEAD, OPTIONS"],
    ["/events/types?x=1", "GET, HEAD, OPTIONS"],
  ])("TRACE %s is a JSON 405 with Allow: %s", async (path, allow) => {
    const response = await send("TRACE", path);
    expect(response.status).toBe(405);
    expect(response.allow).toBe(allow);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: "METHOD_NOT_ALLOWED", message: expect.stringMatching(/^TRACE is not served here/) } });
  });

  it("a client cannot pass OPTIONS off as a refused method", async () => {
    const response = await send("OPTIONS", "/api/v2/messages", { "x-hookline-unroutable-method": "TRACE" });
    expect(response.status).toBe(204);
    expect(response.allow).toBe("POST, OPTIONS");
  });

  it("PATCH on a GET-only route and DELETE on a collection are 405s with Allow", async () => {
    const patch = await send("PATCH", "/api/v2/events");
    expect([patch.status, patch.allow]).toEqual([405, "GET, HEAD, OPTIONS"]);
    const remove = await send("DELETE", "/api/v2/webhook_endpoint");
    expect([remove.status, remove.allow]).toEqual([405, "GET, POST, HEAD, OPTIONS"]);
    expect(JSON.parse(remove.body)).toMatchObject({ error: { code: "METHOD_NOT_ALLOWED" } });
  });
});
