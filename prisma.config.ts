import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

// No native schema-engine in this environment (engine download is blocked). Every
// `prisma` CLI command calls ensureNeededBinariesExist() *after* loading this file, and it
// skips the download when PRISMA_SCHEMA_ENGINE_BINARY points at an existing file.
// generate/validate/format never execute it; migrations run through scripts/migrate.ts
// (WASM schema engine). A real binary (env or node_modules/@prisma/engines) still wins.
const engines = path.join(import.meta.dirname, "node_modules/@prisma/engines");
const hasNative =
  fs.existsSync(engines) && fs.readdirSync(engines).some((f) => f.startsWith("schema-engine-"));
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && !hasNative) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(import.meta.dirname, "scripts/no-schema-engine.sh");
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://unused@127.0.0.1/unused" },
});
