import { serve } from "inngest/next";
import { getDb } from "@/server/db";
import { getInngest } from "@/server/inngest/client";
import { createHooklineFunctions } from "@/server/inngest/functions";

const inngest = getInngest();

// GET|POST|PUT /api/inngest — the Inngest SDK's handler: the embedded executor or an Inngest server
// syncs the functions here and calls them step by step.
export const { GET, POST, PUT } = serve({
  client: inngest,
  functions: createHooklineFunctions(inngest, { getDb }),
});
