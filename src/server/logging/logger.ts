import pino, { type DestinationStream, type Logger } from "pino";
import { prettyFactory } from "pino-pretty";
import { DEFAULT_LOG_LEVEL, logLevelSchema } from "./log-level";

export type { Logger };

/**
 * Field names whose values are secrets (credentials, signing secrets, keys, session cookies), at whatever
 * depth up to four levels they appear in a line's fields; pino replaces them before the line is written.
 */
const SECRET_FIELDS = [
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "x-webhook-token",
  "secret",
  "secrets",
  "password",
  "token",
  "key",
  "apiKey",
  "api_key",
  "signingKey",
  "eventKey",
  "encryptionKey",
  "nextAuthSecret",
];

export const REDACTED_PATHS = SECRET_FIELDS.flatMap((name) => {
  const field = `["${name}"]`;
  return [field, `*${field}`, `*.*${field}`, `*.*.*${field}`];
});

/**
 * Through `process.stdout` rather than pino's own file-descriptor writer: on Linux it writes synchronously to
 * files and pipes alike, so a line is out before a crash, and whatever watches the process's output (the
 * tests that prove secrets stay out of logs) sees every line.
 */
function jsonLines(): DestinationStream {
  return { write: (line: string) => void process.stdout.write(line) };
}

/** One line per entry, human-readable, for `npm run dev`. */
function readableLines(): DestinationStream {
  const prettify = prettyFactory({ colorize: process.stdout.isTTY ?? false, translateTime: "HH:MM:ss.l", ignore: "service,pid,hostname" });
  return { write: (line: string) => void process.stdout.write(prettify(line)) };
}

function createLogger(): Logger {
  const level = logLevelSchema.catch(DEFAULT_LOG_LEVEL).parse(process.env.HOOKLINE_LOG_LEVEL || DEFAULT_LOG_LEVEL);
  // JSON in production and in tests (which parse it); readable lines while developing, which an unset
  // NODE_ENV means here as in the environment check (npm start's own launcher, scripts)
  const readable = (process.env.NODE_ENV || "development") === "development";
  return pino(
    { level, base: { service: "hookline", pid: process.pid }, redact: { paths: REDACTED_PATHS, censor: "[REDACTED]" } },
    readable ? readableLines() : jsonLines(),
  );
}

// globalThis: Next evaluates modules separately for instrumentation, route handlers and pages; one logger for all.
const g = globalThis as unknown as { __hooklineLogger?: Logger };

/**
 * Hookline's one logger (HOOKLINE_LOG_LEVEL, default info; an invalid value is refused at start-up by the
 * environment check). Give each part of the app its own child: `log.child({ component: "rest" })`.
 */
export const log: Logger = (g.__hooklineLogger ??= createLogger());
