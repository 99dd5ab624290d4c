import { everyResponseHeaders } from "./src/lib/response-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its .wasm/.data files relative to its own module; the database adapters and the
  // password hasher's native binary must be required from node_modules at runtime, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
    "pg",
    // the metrics library: one copy in the process, not one per route bundle
    "prom-client",
  ],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: [...everyResponseHeaders] }];
  },
};
export default nextConfig;
