import path from "node:path";

/**
 * Where a running embedded server listens for admin commands: a Unix socket and the token a caller must
 * present, both in the data directory and readable by its owner only. The token is the real guard: not
 * every platform enforces a socket file's mode on connect, every platform enforces a regular file's.
 */
export function adminChannelFiles(dataDir: string) {
  return { socket: path.join(dataDir, "admin.sock"), token: path.join(dataDir, "admin.token") };
}
