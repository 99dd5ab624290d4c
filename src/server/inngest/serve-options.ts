import type { ServeHandlerOptions } from "inngest";
import { getDb } from "@/server/db";
import { getInngest } from "./client";
import { createHooklineFunctions } from "./functions";

/** Where every process that serves the functions serves them (Next's route, the web server, a worker). */
export const INNGEST_SERVE_PATH = "/api/inngest";

/**
 * What every `/api/inngest` handler serves, whichever adapter wraps it: Next.js's route (inngest/next) or the
 * worker's plain Node server (inngest/node). The origin is configured, never read from the request: a PUT with
 * a forged Host would otherwise register the functions at that host, and the Inngest server would send every
 * step call (events, tenant data) there.
 */
export function hooklineServeOptions(serveOrigin: string): ServeHandlerOptions {
  const inngest = getInngest();
  return { client: inngest, functions: createHooklineFunctions(inngest, { getDb }), serveOrigin };
}
