/**
 * Replaces `process.env` with a plain object holding the same variables. Reading Node's `process.env` calls
 * into the C environment for every variable, and the Inngest SDK copies the whole environment several times
 * per request it serves or sends (its `getProcessEnv`): 6–8 % of a worker's CPU under load in the bench's
 * profile. Variables set later through `process.env` still reach this process's code and its child processes
 * (they are spawned with `process.env`), only not native code reading the C environment itself — nothing in
 * Hookline does. Call once, first thing in a server process.
 */
export function makeProcessEnvPlain(): void {
  process.env = { ...process.env };
}
