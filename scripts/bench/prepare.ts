/**
 * A fresh database for one bench mode, migrated and seeded through the domain layer before the app starts
 * (a PGlite directory admits one process at a time): a tenant, API keys, one endpoint for the steady load and
 * 100 for the fan-out, all pointing at the bench receiver.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadEnv } from "../../src/server/env-loader.ts";
import { openDatabase, type DatabaseHandle, type DatabaseTarget } from "../../src/server/db/client.ts";
import { deployMigrations } from "../lib/deploy-migrations.ts";
import { signUp } from "../../src/server/tenants/sign-up.ts";
import { createApiKey } from "../../src/server/api-keys/create-api-key.ts";
import { createEndpoint } from "../../src/server/endpoints/create-endpoint.ts";
import { configureTenantQuotas } from "../../src/server/quotas/tenant-quotas.ts";

export type Mode = "embedded" | "postgres";

/** The event of the steady load (about 1 KB on the wire) and the one only the fan-out endpoints take. */
export const STEADY_EVENT = "session.submitted";
export const FANOUT_EVENT = "user.created";
export const FANOUT_ENDPOINTS = 100;

export type PreparedDatabase = {
  mode: Mode;
  target: DatabaseTarget;
  /** environment of the app process for this database */
  appEnv: Record<string, string>;
  dataDir: string;
  tenantId: string;
  apiKeys: string[];
  /** a key that may create endpoints, for the scenarios that add them while the app runs */
  writeKey: string;
  /** the bench's PostgreSQL database, where there is one */
  databaseName?: string;
  steadyEndpointId: string;
  fanoutEndpointIds: string[];
  open(): Promise<DatabaseHandle>;
  /** drops the PostgreSQL database / removes the data dir */
  dispose(): Promise<void>;
};

async function adminQuery(serverUrl: string, sql: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export async function prepareDatabase(options: { mode: Mode; receiverOrigin: string; apiKeys: number; keep?: boolean }): Promise<PreparedDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `hookline-bench-${options.mode}-`));
  let target: DatabaseTarget;
  let appEnv: Record<string, string>;
  let encryptionKey: Buffer;
  let dropDatabase = async () => {};
  let databaseName: string | undefined;

  if (options.mode === "embedded") {
    // the app reads (or here, first writes) its secrets in the data dir: the same key seals what we seed
    const env = loadEnv({ HOOKLINE_DATA_DIR: dataDir });
    target = env.database;
    encryptionKey = env.encryptionKey;
    // stated, not inherited: the bench process's own throwaway key (run.ts) must not reach the app
    appEnv = { HOOKLINE_DATA_DIR: dataDir, DATABASE_URL: "", HOOKLINE_ENCRYPTION_KEY: encryptionKey.toString("base64"), HOOKLINE_ALLOW_PRIVATE_NETWORKS: "true" };
    await deployMigrations(`pglite:${env.database.kind === "pglite" ? env.database.dir : ""}`);
  } else {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) throw new Error("postgres mode needs DATABASE_URL");
    const name = `hookline_bench_${randomBytes(5).toString("hex")}`;
    databaseName = name;
    await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
    dropDatabase = () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    target = { kind: "postgres", url: url.toString() };
    encryptionKey = randomBytes(32);
    appEnv = {
      HOOKLINE_DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      HOOKLINE_ENCRYPTION_KEY: encryptionKey.toString("base64"),
      NEXTAUTH_SECRET: randomBytes(24).toString("base64url"),
      // the receiver is on 127.0.0.1; production keeps the default (false)
      HOOKLINE_ALLOW_PRIVATE_NETWORKS: "true",
    };
    await deployMigrations(url.toString());
  }

  const handle = await openDatabase(target);
  try {
    const db = handle.prisma;
    const signedUp = await signUp({
      db,
      input: { name: "Bench", email: `bench-${randomBytes(4).toString("hex")}@bench.test`, password: "bench bench bench", organization: "Bench" },
    });
    if (!signedUp.created) throw new Error("the bench's fresh email was taken");
    const { tenant } = signedUp;
    // several keys, as several clients would use (the per-key rate limit is raised for the bench: see run.ts)
    const apiKeys: string[] = [];
    for (let i = 0; i < options.apiKeys; i++) {
      apiKeys.push((await createApiKey({ db, tenantId: tenant.id, input: { name: `bench-${i}`, scopes: ["publish", "read"] } })).key);
    }
    const writeKey = (await createApiKey({ db, tenantId: tenant.id, input: { name: "bench-write", scopes: ["read", "write"] } })).key;
    // the steady endpoint beside a full fan-out is one more than the default endpoint quota
    configureTenantQuotas({ endpoints: FANOUT_ENDPOINTS + 1 });
    const steady = await createEndpoint({
      db,
      tenantId: tenant.id,
      encryptionKey,
      input: { url: `${options.receiverOrigin}/hook/steady`, enabled_events: [STEADY_EVENT], description: "bench: steady load" },
    });
    const fanout: string[] = [];
    for (let i = 0; i < FANOUT_ENDPOINTS; i++) {
      const endpoint = await createEndpoint({
        db,
        tenantId: tenant.id,
        encryptionKey,
        input: { url: `${options.receiverOrigin}/hook/fanout/${i}`, enabled_events: [FANOUT_EVENT], description: `bench: fan-out ${i}` },
      });
      fanout.push(endpoint.id);
    }
    return {
      mode: options.mode,
      target,
      appEnv,
      dataDir,
      tenantId: tenant.id,
      apiKeys,
      writeKey,
      databaseName,
      steadyEndpointId: steady.id,
      fanoutEndpointIds: fanout,
      open: () => openDatabase(target),
      async dispose() {
        if (options.keep) return;
        await dropDatabase();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } finally {
    await handle.close();
  }
}
