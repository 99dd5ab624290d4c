// A real SMTP server on 127.0.0.1 that keeps every message it is handed, for Vitest and Playwright
// (imported by relative path from e2e/, so no "@/" imports here).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type CaughtEmail = {
  /** the envelope's recipients, as the sending server named them */
  to: string[];
  from: string;
  subject: string;
  /** the text/plain and text/html parts, transfer encoding undone */
  text: string;
  html: string;
};

export type SmtpCatcher = {
  /** what HOOKLINE_SMTP_URL is set to */
  url: string;
  port: number;
  emails: CaughtEmail[];
  /** the first message (caught already or still to come) that `match` accepts */
  waitForEmail(match: (email: CaughtEmail) => boolean, timeoutMs?: number): Promise<CaughtEmail>;
  close(): Promise<void>;
};

/** Starts the catcher on `port` (0: any free port). Plain SMTP without authentication, as a local relay. */
export async function startSmtpCatcher({ port = 0 }: { port?: number } = {}): Promise<SmtpCatcher> {
  const emails: CaughtEmail[] = [];
  const listeners = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    // no certificate to offer: nodemailer would try STARTTLS and refuse the self-signed default
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const message = parseMessage(Buffer.concat(chunks).toString("latin1"));
        emails.push({ ...message, to: session.envelope.rcptTo.map((r) => r.address), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "" });
        for (const listener of listeners) listener();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const boundPort = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${boundPort}`,
    port: boundPort,
    emails,
    waitForEmail(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = emails.find(match);
          if (!found) return false;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no matching email within ${timeoutMs} ms; caught: ${emails.map((e) => `${e.to.join(",")}: ${e.subject}`).join(" | ") || "none"}`));
        }, timeoutMs);
        if (!check()) listeners.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(email: CaughtEmail, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const link = email.text.match(new RegExp(`${escaped}[^\\s]+`))?.[0];
  if (!link) throw new Error(`no link starting ${prefix} in: ${email.text}`);
  return link;
}

type Part = { headers: Map<string, string>; body: string };

function splitPart(raw: string): Part {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? "" : raw.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** latin1 text stands for bytes one to one: undo the transfer encoding, then read the bytes as UTF-8. */
function decodeBody(part: Part): string {
  const encoding = part.headers.get("content-transfer-encoding")?.toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body, "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = part.body.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return Buffer.from(part.body, "latin1").toString("utf8");
}

/** RFC 2047 encoded words (a subject with non-ASCII characters). */
function decodeHeader(value: string): string {
  const decoded = value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, kind: string, text: string) =>
    kind.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("latin1")
      : text.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
  return Buffer.from(decoded.replace(/\?=\s+=\?/g, ""), "latin1").toString("utf8");
}

function leafParts(part: Part): Part[] {
  const boundary = part.headers.get("content-type")?.match(/boundary="?([^";]+)"?/i)?.[1];
  if (!boundary) return [part];
  return part.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith("--"))
    .flatMap((chunk) => leafParts(splitPart(chunk.replace(/^\r?\n/, ""))));
}

function parseMessage(raw: string): Omit<CaughtEmail, "to" | "from"> {
  const message = splitPart(raw);
  const leaves = leafParts(message);
  const ofType = (type: string) => leaves.find((p) => (p.headers.get("content-type") ?? "text/plain").toLowerCase().startsWith(type));
  const text = ofType("text/plain");
  const html = ofType("text/html");
  return { subject: decodeHeader(message.headers.get("subject") ?? ""), text: text ? decodeBody(text) : "", html: html ? decodeBody(html) : "" };
}
