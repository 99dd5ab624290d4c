import "server-only";
import { loadEnv, type Env } from "./env-loader";

const g = globalThis as unknown as { __hooklineEnv?: Env };

/** The validated environment, read once per process (see env-loader.ts for every variable). */
export function env(): Env {
  return (g.__hooklineEnv ??= loadEnv(process.env));
}
