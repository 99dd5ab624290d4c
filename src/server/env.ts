import "server-only";
import { loadEnv, type Env } from "./load-env";

const g = globalThis as unknown as { __hooklineEnv?: Env };

/** The validated environment, read once per process (see load-env.ts for every variable). */
export function env(): Env {
  return (g.__hooklineEnv ??= loadEnv(process.env));
}
