import { randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import type { Db } from "@/server/db/client";
import { log } from "@/server/logging/logger";
import { adminChannelFiles } from "./admin-channel-files";
import { runAdminCommand } from "./run-admin-command";
import { adminRequest, type AdminResponse } from "./schemas";

/** A request is one short JSON line; anything longer is not a client of ours. */
const MAX_REQUEST_BYTES = 64 * 1024;

function sameToken(given: string, expected: Buffer): boolean {
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

async function answer(line: string, token: Buffer, db: Db): Promise<AdminResponse> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, error: { code: "BAD_REQUEST", message: "Send one line of JSON: {token, command}" } };
  }
  const request = adminRequest.safeParse(json);
  if (!request.success) return { ok: false, error: { code: "BAD_REQUEST", message: "Send one line of JSON: {token, command}" } };
  if (!sameToken(request.data.token, token)) {
    return { ok: false, error: { code: "UNAUTHORIZED", message: "Wrong admin token: run the command as the owner of the data directory" } };
  }
  try {
    return await runAdminCommand({ db, command: request.data.command });
  } catch (error) {
    log.error({ component: "admin-channel", err: error }, "admin command failed");
    return { ok: false, error: { code: "INTERNAL", message: "The server failed to run the command; its log has the cause" } };
  }
}

/**
 * Lets `npm run apikey` and `npm run operator` reach a running embedded server, which alone may open its
 * PGlite directory: they send their command over a Unix socket in the data directory, and the server runs
 * it with the same use case the CLI runs when no server is up. Returns the function that stops it.
 */
export async function startAdminChannel({ dataDir, db }: { dataDir: string; db: Db }): Promise<() => Promise<void>> {
  const files = adminChannelFiles(dataDir);
  const token = randomBytes(32).toString("base64url");
  // left behind by a server that did not stop cleanly; recreated so that the modes below apply
  fs.rmSync(files.socket, { force: true });
  fs.rmSync(files.token, { force: true });
  fs.writeFileSync(files.token, token, { mode: 0o600 });
  const expected = Buffer.from(token);

  const server = net.createServer((socket) => {
    let received = "";
    socket.setEncoding("utf8");
    socket.on("error", () => socket.destroy());
    socket.on("data", (chunk: string) => {
      received += chunk;
      const end = received.indexOf("\n");
      if (end === -1) {
        if (received.length > MAX_REQUEST_BYTES) socket.destroy();
        return;
      }
      socket.removeAllListeners("data");
      void answer(received.slice(0, end), expected, db).then((response) => socket.end(`${JSON.stringify(response)}\n`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    // e.g. a data directory whose path is longer than a Unix socket path may be (about 100 bytes)
    server.once("error", (error) => reject(new Error(`Cannot listen for admin commands on ${files.socket}: ${error.message}`)));
    server.listen(files.socket, () => resolve());
  });
  fs.chmodSync(files.socket, 0o600);

  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(files.socket, { force: true });
    fs.rmSync(files.token, { force: true });
  };
}
