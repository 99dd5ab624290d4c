// Compiled for the edge runtime too: keep Node APIs (and anything importing them) out of this file.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./instrumentation-node");
  }
}
