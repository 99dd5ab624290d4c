import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";

/** The demo tenant's key that `npm start` prints, kept in the e2e data directory (playwright.config.ts). */
export function demoApiKey(): string {
  const file = path.resolve(".data/e2e/demo-api-key");
  return fs.readFileSync(file, "utf8").trim();
}

export type Curl = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** path after <base_url> */
  path: string;
  token?: string;
  headers?: Record<string, string>;
  /** `--data`: sent byte for byte */
  data?: string;
};

/** One seed curl command, `<base_url>` being Playwright's baseURL and `<user_token>` the given token. */
export async function curl(request: APIRequestContext, { method = "GET", path: urlPath, token, headers = {}, data }: Curl) {
  return request.fetch(urlPath, {
    method,
    headers: { ...(token && { Authorization: `Bearer ${token}` }), ...headers },
    // a Buffer goes out byte for byte; a string with a JSON Content-Type would be re-encoded when it is not JSON
    ...(data !== undefined && { data: Buffer.from(data, "utf8") }),
  });
}

export async function json<T = Record<string, unknown>>(response: APIResponse, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  return JSON.parse(text) as T;
}

/**
 * A fresh tenant and API key made the way a person does: sign up, sign in (next-auth), create a key in
 * the portal's tRPC API. Each spec run gets data of its own, whatever earlier runs left behind.
 */
export async function newTenantKey(request: APIRequestContext): Promise<string> {
  const email = `api-${randomBytes(5).toString("hex")}@example.test`;
  const password = "correct horse battery";
  const signUp = await request.post("/api/trpc/account.signUp?batch=1", {
    data: { 0: { json: { name: "API Tester", email, password, organization: "API Test Co" } } },
  });
  expect(signUp.status(), await signUp.text()).toBe(200);
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signIn = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(signIn.status());
  const created = await request.post("/api/trpc/apiKeys.create?batch=1", { data: { 0: { json: { name: "e2e" } } } });
  expect(created.status(), await created.text()).toBe(200);
  const [result] = (await created.json()) as [{ result: { data: { json: { key: string } } } }];
  return result.result.data.json.key;
}

export type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

/** A webhook receiver on 127.0.0.1 that records every request and answers with `status`. */
export async function startReceiver() {
  const received: Received[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(status, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (suffix = "/webhook") => `http://127.0.0.1:${port}${suffix}`,
    received,
    respondWith(next: number) {
      status = next;
    },
    /** the first request matching, waiting for the deliver function to send it */
    async waitFor(match: (request: Received) => boolean, timeout = 30_000): Promise<Received> {
      let found: Received | undefined;
      await expect.poll(() => (found = received.find(match)), { timeout }).toBeTruthy();
      return found!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls an endpoint's logs until a delivery matches; the deliver function runs in the background. */
export async function waitForDelivery(
  request: APIRequestContext,
  token: string,
  endpointId: string,
  match: (delivery: { id: string; status: string; message_id: string; retry_of: string | null }) => boolean,
  timeout = 45_000,
) {
  type Delivery = { id: string; status: string; message_id: string; retry_of: string | null; attempts: { response: { status: number } | null }[] };
  let found: Delivery | undefined;
  await expect
    .poll(
      async () => {
        const logs = await curl(request, { path: `/api/v2/webhook_endpoint/${endpointId}/logs`, token });
        const { data } = (await logs.json()) as { data: Delivery[] };
        return (found = data.find(match));
      },
      { timeout, intervals: [250, 500, 1000] },
    )
    .toBeTruthy();
  return found!;
}
