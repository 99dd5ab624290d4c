import { serve } from "inngest/next";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { getInngest } from "@/server/inngest/client";
import { createHooklineFunctions } from "@/server/inngest/functions";

const inngest = getInngest();

// GET|POST|PUT /api/inngest — the Inngest SDK's handler: the embedded executor or an Inngest server
// syncs the functions here and calls them step by step.
// The origin is configured, never read from the request: a PUT with a forged Host would otherwise
// register the functions at that host, and the Inngest server would send every step call (events, tenant
// data) there.
export const { GET, POST, PUT } = serve({
  client: inngest,
  functions: createHooklineFunctions(inngest, { getDb }),
  serveOrigin: env().inngestServeOrigin,
});
