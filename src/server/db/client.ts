import fs from "node:fs";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "@/generated/prisma/client";

export type Db = PrismaClient;

export type DatabaseTarget =
  | { kind: "pglite"; dir: string }
  | { kind: "pglite-memory" }
  | { kind: "postgres"; url: string };

export type DatabaseHandle = {
  prisma: PrismaClient;
  kind: DatabaseTarget["kind"];
  /** Runs a multi-statement SQL script as one simple query (PGlite only; PostgreSQL uses the pg client). */
  executeScript?: (sql: string) => Promise<void>;
  close: () => Promise<void>;
};

/** Opens Prisma on PGlite (embedded, one connection) or PostgreSQL (a pool through adapter-pg). */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === "postgres") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url, max: 20 }) });
    return { prisma, kind: target.kind, close: () => prisma.$disconnect() };
  }
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  const dir = target.kind === "pglite" ? target.dir : undefined;
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  // pglite-prisma-adapter 0.7.2 is typed against an older driver-adapter-utils; the runtime contract matches.
  const adapter = new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory;
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    kind: target.kind,
    executeScript: async (sql) => {
      await pglite.exec(sql);
    },
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
