/**
 * The HTTP API the app's unchanged SDK reaches through INNGEST_BASE_URL, bound to 127.0.0.1:
 *   POST /e/{eventKey}                 one event or an array, answered `{"ids": [...], "status": 200}` like
 *                                      Inngest's event API
 *   POST /v1/checkpoint/{runId}/async  step results the SDK reports mid-call when it runs several steps in one
 *                                      request (SDK v4 async checkpointing); bearer = the hashed signing key
 */
import http from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { z } from "zod";

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export const incomingEventSchema = z.looseObject({
  name: z
    .string()
    .min(1)
    .refine((name) => !name.startsWith("inngest/"), "event names starting with inngest/ are reserved"),
  data: z.record(z.string(), z.unknown()).nullish(),
  id: z.string().min(1).nullish(),
  ts: z.number().nullish(),
  user: z.record(z.string(), z.unknown()).nullish(),
  v: z.string().nullish(),
});

export type IncomingEvent = z.infer<typeof incomingEventSchema>;

const requestSchema = z.union([incomingEventSchema, z.array(incomingEventSchema)]);

export type IntakeServer = {
  listen(port: number): Promise<string>;
  close(): Promise<void>;
};

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
}

async function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function createIntakeServer(options: {
  eventKey: string;
  /** the Authorization header value the SDK sends on API calls */
  apiAuthorization: string;
  accept: (events: IncomingEvent[]) => Promise<string[]>;
  /** stores checkpointed step results; resolves to the HTTP status to answer */
  checkpoint: (runId: string, body: unknown) => Promise<number>;
  onError: (error: unknown) => void;
}): IntakeServer {
  const server = http.createServer(async (req, res) => {
    try {
      const checkpoint = /^\/v1\/checkpoint\/([^/?]+)\/async(?:\?.*)?$/.exec(req.url ?? "");
      if (req.method === "POST" && checkpoint) {
        if (!sameKey(req.headers.authorization ?? "", options.apiAuthorization)) {
          reply(res, 401, { error: "unauthorized" });
          return;
        }
        const text = await readBody(req);
        const body = text === undefined ? undefined : parseBody(text);
        if (!body?.ok) {
          reply(res, 400, { error: "body is not JSON" });
          return;
        }
        const status = await options.checkpoint(decodeURIComponent(checkpoint[1]), body.value);
        reply(res, status, status === 200 ? {} : { error: `checkpoint refused (${status})` });
        return;
      }
      const match = /^\/e\/([^/?]+)\/?(?:\?.*)?$/.exec(req.url ?? "");
      if (req.method !== "POST" || !match) {
        reply(res, 404, { error: `${req.method} ${req.url} is not served by the embedded Inngest executor`, status: 404 });
        return;
      }
      if (!sameKey(decodeURIComponent(match[1]), options.eventKey)) {
        reply(res, 401, { error: "Event key not found", status: 401 });
        return;
      }
      const text = await readBody(req);
      if (text === undefined) {
        reply(res, 413, { error: `request body over ${MAX_BODY_BYTES} bytes`, status: 413 });
        return;
      }
      const body = parseBody(text);
      if (!body.ok) {
        reply(res, 400, { error: "body is not JSON", status: 400 });
        return;
      }
      const parsed = requestSchema.safeParse(body.value);
      if (!parsed.success) {
        reply(res, 400, { error: `invalid event: ${z.prettifyError(parsed.error)}`, status: 400 });
        return;
      }
      const ids = await options.accept(Array.isArray(parsed.data) ? parsed.data : [parsed.data]);
      reply(res, 200, { ids, status: 200 });
    } catch (error) {
      options.onError(error);
      if (!res.headersSent) reply(res, 500, { error: error instanceof Error ? error.message : String(error), status: 500 });
    }
  });
  // the SDK keeps connections alive between sends
  server.keepAliveTimeout = 30_000;

  return {
    listen: (port) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        // loopback only: the event key is the only credential, and it travels in clear text
        server.listen(port, "127.0.0.1", () => {
          server.off("error", reject);
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
