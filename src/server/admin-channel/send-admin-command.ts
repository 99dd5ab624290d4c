import fs from "node:fs";
import net from "node:net";
import { openDatabase } from "@/server/db/client";
import type { Env } from "@/server/env-loader";
import { adminChannelFiles } from "./admin-channel-files";
import { runAdminCommand } from "./run-admin-command";
import { adminResponse, type AdminCommand, type AdminRequest, type AdminResponse } from "./schemas";

const notOwner = (dataDir: string) =>
  new Error(`A Hookline server runs on ${dataDir}, but only the owner of that directory may send it admin commands`);

/** The running server's answer, or null when no server listens on the data directory. */
function askRunningServer(dataDir: string, command: AdminCommand): Promise<AdminResponse | null> {
  const files = adminChannelFiles(dataDir);
  if (!fs.existsSync(files.socket)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    let reply = "";
    const socket = net.connect(files.socket);
    socket.setEncoding("utf8");
    socket.on("connect", () => {
      let token: string;
      try {
        token = fs.readFileSync(files.token, "utf8");
      } catch {
        socket.destroy();
        return reject(notOwner(dataDir));
      }
      const request: AdminRequest = { token, command };
      socket.write(`${JSON.stringify(request)}\n`);
    });
    socket.on("data", (chunk: string) => (reply += chunk));
    socket.on("end", () => {
      try {
        resolve(adminResponse.parse(JSON.parse(reply)));
      } catch {
        reject(new Error(`The Hookline server on ${dataDir} gave an answer this command does not understand: ${reply.slice(0, 200)}`));
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      // a socket nobody listens on is what a server that did not stop cleanly leaves: the directory is free
      if (error.code === "ECONNREFUSED" || error.code === "ENOENT") resolve(null);
      else if (error.code === "EACCES") reject(notOwner(dataDir));
      else reject(error);
    });
  });
}

/**
 * Runs an admin command where the database is: in embedded mode through the running server when one has
 * the PGlite directory open (one process per directory), else — and always with PostgreSQL — by opening
 * the database in this process.
 */
export async function sendAdminCommand({ env, command }: { env: Env; command: AdminCommand }): Promise<AdminResponse> {
  if (env.database.kind === "pglite") {
    const answer = await askRunningServer(env.dataDir, command);
    if (answer) return answer;
  }
  const database = await openDatabase(env.database);
  try {
    return await runAdminCommand({ db: database.prisma, command });
  } finally {
    await database.close();
  }
}
