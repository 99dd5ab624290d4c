import type { Readable } from "node:stream";
import { Agent, buildConnector, request, type Dispatcher } from "undici";
import type { AttemptErrorClass } from "@/generated/prisma/enums";
import { classifyTransportError } from "./classify-error";
import { ssrfGuardedConnector } from "./ssrf-guard";

/** Attempts are stored; a receiver answering with megabytes must not fill the database. */
export const responseBodyCapBytes = 64 * 1024;
/**
 * How much more is read, and thrown away, past the cap so that the connection can go back to the pool.
 * Beyond it the connection is closed instead: a receiver streaming without end would otherwise hold the
 * attempt (and a worker) for the whole timeout while we drain its bytes.
 */
export const responseDrainLimitBytes = 64 * 1024;

// One keep-alive pool per process and policy: most deliveries go to few receivers, and reusing their
// connections is what makes undici several times cheaper per request than fetch. `request` follows no
// redirects unless given a redirect interceptor, and these agents have none.
const unguardedAgent = new Agent();
const guardedAgent = new Agent({ connect: ssrfGuardedConnector(buildConnector({})) });

export type SendWebhookOptions = {
  url: string;
  method: "POST";
  /** sent as given (signature, receiver auth, custom headers); the caller records the same set */
  headers: Record<string, string>;
  /** the exact bytes that were signed */
  body: string;
  /** for the whole exchange: connection, response headers and body */
  timeoutMs: number;
  /** true only where private destinations are expected (embedded mode, an explicit allow-list) */
  allowPrivateNetworks: boolean;
};

export type SendWebhookResult = {
  /** a 2xx response was read to its end, or to the drain limit past the cap */
  succeeded: boolean;
  status?: number;
  headers?: Record<string, string>;
  /** UTF-8 text of the first `responseBodyCapBytes` bytes */
  body?: string;
  bodyTruncated?: boolean;
  durationMs: number;
  errorClass?: AttemptErrorClass;
  errorMessage?: string;
};

/** One HTTP attempt. Never throws: every failure comes back classified, ready to be recorded. */
export async function sendWebhook(options: SendWebhookOptions): Promise<SendWebhookResult> {
  const startedAt = performance.now();
  const durationMs = () => Math.round(performance.now() - startedAt);

  const unsupported = unsupportedUrlReason(options.url);
  if (unsupported) return { succeeded: false, durationMs: durationMs(), errorClass: "connection", errorMessage: unsupported };

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  const captured = new CappedBody(responseBodyCapBytes, responseDrainLimitBytes);
  let response: Dispatcher.ResponseData | undefined;
  try {
    response = await request(options.url, {
      method: options.method,
      headers: options.headers,
      body: options.body,
      dispatcher: options.allowPrivateNetworks ? unguardedAgent : guardedAgent,
      signal: deadline.signal,
    });
    await captured.drain(response.body);
    return { ...outcomeOfStatus(response), ...captured.result(), headers: flattenHeaders(response.headers), durationMs: durationMs() };
  } catch (error) {
    const failure = deadline.signal.aborted
      ? { errorClass: "timeout" as const, errorMessage: `no complete response within ${options.timeoutMs} ms` }
      : classifyTransportError(error);
    return {
      succeeded: false,
      ...(response && { status: response.statusCode, headers: flattenHeaders(response.headers), ...captured.result() }),
      durationMs: durationMs(),
      ...failure,
    };
  } finally {
    clearTimeout(timer);
  }
}

function unsupportedUrlReason(url: string): string | undefined {
  if (!URL.canParse(url)) return `not a valid URL: ${url}`;
  const { protocol } = new URL(url);
  return protocol === "http:" || protocol === "https:" ? undefined : `${protocol} URLs are not supported, use http or https`;
}

function outcomeOfStatus({ statusCode, headers }: Dispatcher.ResponseData): Pick<
  SendWebhookResult,
  "succeeded" | "status" | "errorClass" | "errorMessage"
> {
  if (statusCode >= 200 && statusCode < 300) return { succeeded: true, status: statusCode };
  if (statusCode >= 300 && statusCode < 400) {
    const location = typeof headers.location === "string" ? ` to ${headers.location}` : "";
    return {
      succeeded: false,
      status: statusCode,
      errorClass: "redirect",
      errorMessage: `HTTP ${statusCode}: redirect${location} not followed; register the final URL instead`,
    };
  }
  return { succeeded: false, status: statusCode, errorClass: "non_2xx", errorMessage: `HTTP ${statusCode}` };
}

function flattenHeaders(headers: Dispatcher.ResponseData["headers"]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

class CappedBody {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private discarded = 0;
  private truncated = false;

  constructor(
    private readonly capBytes: number,
    private readonly drainLimitBytes: number,
  ) {}

  /** Reads to the end (the connection is then reused) unless the body runs past the drain limit. */
  async drain(stream: Readable): Promise<void> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const room = this.capBytes - this.kept;
      if (chunk.length > room) this.truncated = true;
      const kept = chunk.length > room ? chunk.subarray(0, Math.max(room, 0)) : chunk;
      if (kept.length) this.chunks.push(kept);
      this.kept += kept.length;
      this.discarded += chunk.length - kept.length;
      // leaving the loop destroys the body, and with it the socket
      if (this.discarded > this.drainLimitBytes) break;
    }
  }

  result(): { body: string; bodyTruncated: boolean } {
    // PostgreSQL text cannot hold NUL; a receiver answering with binary must not break the attempt record
    const body = Buffer.concat(this.chunks).toString("utf8").replaceAll("\u0000", "\uFFFD");
    return { body, bodyTruncated: this.truncated };
  }
}
