import { env } from "@/server/env";
import { closeDb } from "@/server/db";

// Validate the environment before serving anything: a bad variable stops the server with a clear message.
env();

const g = globalThis as unknown as { __hooklineShutdownHooked?: boolean };
if (!g.__hooklineShutdownHooked) {
  g.__hooklineShutdownHooked = true;
  // NEXT_MANUAL_SIG_HANDLE=true hands signals to us: PGlite must be closed or it replays its WAL next start.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      closeDb()
        .catch((error) => console.error("[hookline] closing the database failed", error))
        .finally(() => process.exit(0));
    });
  }
}
