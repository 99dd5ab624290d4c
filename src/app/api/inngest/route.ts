import { serve } from "inngest/next";
import { env } from "@/server/env";
import { hooklineServeOptions } from "@/server/inngest/serve-options";

// GET|POST|PUT /api/inngest — the Inngest SDK's handler: the embedded executor or an Inngest server
// syncs the functions here and calls them step by step. A worker process serves the same functions outside
// Next.js (src/server/worker).
export const { GET, POST, PUT } = serve(hooklineServeOptions(env().inngestServeOrigin));
