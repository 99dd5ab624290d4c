/* eslint-disable @typescript-eslint/no-explicit-any -- patches private fields of pinned adapter versions */
/**
 * Driver adapters for Prisma's schema engine (migrations only; the app uses the plain adapters).
 *   DATABASE_URL unset       -> embedded PGlite under $HOOKLINE_DATA_DIR/pglite (default .data/pglite)
 *   DATABASE_URL=pglite:<dir> -> PGlite persisted to <dir>
 *   DATABASE_URL=postgres(ql)://… -> PostgreSQL
 * Each class below works around a bug of the published adapter that breaks migrations.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

export type AdapterHandle = {
  kind: "pglite" | "pg";
  factory: SqlMigrationAwareDriverAdapterFactory;
  close: () => Promise<void>;
};

export function databaseUrl(): string {
  return process.env.DATABASE_URL || `pglite:${path.join(process.env.HOOKLINE_DATA_DIR ?? ".data", "pglite")}`;
}

export function pgConfig(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  };
}

/**
 * @prisma/adapter-pg 7.10.1: result columns of PG's internal `"char"` type (OID 18,
 * used all over pg_catalog: relkind, contype, typtype...) hit UnsupportedNativeDataType, so any
 * schema-describing engine call (diff/devDiagnostic/introspect) fails with
 * "Column type 'char' could not be deserialized from the database."
 * Fix, scoped to the migration pool: report OID 18 as text (25) in RowDescription.
 */
class CharAsTextClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    (this as any).connection.prependListener("rowDescription", (msg: any) => {
      for (const f of msg.fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
    });
  }
}

/**
 * @prisma/adapter-pg 7.10.1: executeScript() does script.split(";") and runs each
 * piece via pool.query -> breaks on ';' inside $$ bodies / strings / DO blocks, and is not
 * atomic (a failed migration leaves earlier statements applied, possibly on other pool
 * connections). Native schema-engine sends the whole script as one simple-protocol query
 * (implicit transaction). Do the same.
 */
function fixPgExecuteScript<T extends SqlDriverAdapter>(a: T): T {
  const anyA = a as any;
  anyA.executeScript = async (script: string) => {
    try {
      await anyA.client.query(script);
    } catch (e) {
      anyA.onError(e);
    }
  };
  return a;
}

/**
 * PrismaPg with a working shadow DB for the schema engine.
 * @prisma/adapter-pg 7.10.1 connectToShadowDb() has two bugs:
 *  1. with { connectionString } the shadow pool ignores `database` and hits the MAIN db;
 *  2. its dispose runs DROP DATABASE before closing the shadow pool -> "is being accessed
 *     by other users", shadow DB leaks.
 */
export class PrismaPgMigrate extends PrismaPg {
  private readonly cfg: pg.PoolConfig;
  constructor(cfg: pg.PoolConfig) {
    const withFix = { ...cfg, Client: CharAsTextClient as unknown as typeof pg.Client };
    super(withFix);
    this.cfg = withFix;
  }
  override async connect() {
    return fixPgExecuteScript(await super.connect());
  }
  override async connectToShadowDb() {
    const admin = new pg.Client(this.cfg);
    await admin.connect();
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    const adapter = fixPgExecuteScript(await new PrismaPg({ ...this.cfg, database: name }).connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose(); // ends the shadow pool
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
    return adapter;
  }
}

/**
 * pglite-prisma-adapter 0.7.2: executeScript() calls client.exec(script) without
 * awaiting it, so a failing migration is reported as APPLIED (error becomes an unhandled
 * rejection). Fix: await it and map the error like the adapter does for queries.
 */
function fixExecuteScript<T extends SqlDriverAdapter>(a: T): T {
  const anyA = a as any;
  anyA.executeScript = async (script: string) => {
    try {
      await anyA.client.exec(script);
    } catch (e) {
      anyA.onError(e); // throws DriverAdapterError
    }
  };
  return a;
}

export class PrismaPGliteMigrate extends PrismaPGlite {
  override async connect() {
    return fixExecuteScript(await super.connect());
  }
  override async connectToShadowDb() {
    return fixExecuteScript(await super.connectToShadowDb());
  }
}

export async function makeAdapter(url = databaseUrl()): Promise<AdapterHandle> {
  if (url.startsWith("pglite:")) {
    const dir = url.slice("pglite:".length);
    fs.mkdirSync(dir, { recursive: true }); // PGlite does not create parent dirs
    const client = await PGlite.create(dir);
    return {
      kind: "pglite",
      // pglite-prisma-adapter 0.7.2 is typed against driver-adapter-utils 7.2.0
      factory: new PrismaPGliteMigrate(client) as unknown as SqlMigrationAwareDriverAdapterFactory,
      close: () => client.close(),
    };
  }
  return { kind: "pg", factory: new PrismaPgMigrate(pgConfig(url)), close: async () => {} };
}
