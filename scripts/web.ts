/**
 * `npm run serve`: the web process alone (HOOKLINE_ROLE=web or all), from a production build (`npm run build`),
 * in the current directory. `npm start` runs it (and, on PostgreSQL, a worker beside it); production runs N of
 * these behind a load balancer. src/server/web/start-web-server.ts says what it serves itself and what Next.js does.
 *
 *   --port <n>     default $PORT or 3000
 *   --host <addr>  default $HOST, else every interface (as `next start`)
 */
import { parseArgs } from "node:util";
import { makeProcessEnvPlain } from "../src/lib/plain-process-env.ts";

makeProcessEnvPlain();

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "3000" },
    host: { type: "string", default: process.env.HOST ?? "0.0.0.0" },
  },
});
// as `next start` sets them: a production server, and the port the instrumentation hands the embedded executor
(process.env as Record<string, string>).NODE_ENV = "production";
process.env.PORT = args.port;
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const { startWebServer } = await import("../src/server/web/start-web-server.ts");
startWebServer({ dir: process.cwd(), host: args.host, port: Number(args.port) }).then(
  (server) => console.log(`[hookline] web server listening on ${server.origin}`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
