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
  ],
  poweredByHeader: false,
};
export default nextConfig;
