/**
 * PostgreSQL restarted under load: the app process keeps running through the outage and recovers by itself —
 * publishes are refused while the database is away (never acknowledged and lost) with a 503 and Retry-After,
 * which a client knows to retry, never a 500 it cannot tell from a bug — and every acknowledged message is
 * delivered once it is back.
 *
 * Runs in the PostgreSQL profile only (DATABASE_URL set) and needs the Debian cluster tools (pg_createcluster,
 * pg_ctlcluster, run as root); under CI=true a missing one fails the suite instead of skipping it. It restarts a private cluster of its own on a free port, never the server in
 * DATABASE_URL, which other test files use at the same time.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { openDatabase } from "@/server/db/client";
import { freePort } from "@/lib/free-port";
import { startReceiver, type Receiver } from "@/test/http-receiver";
import { appSecrets, eventually, profile, publishAtRate, publisherFor, seedPublisher, sleep, startPipelineApp, type AppProcess, type SharedDatabase } from "./support";

function clusterTools(): { version: string } | string {
  if (!process.env.DATABASE_URL) return "DATABASE_URL is not set (the PostgreSQL profile runs this suite)";
  if (process.getuid?.() !== 0) return "not running as root (pg_createcluster needs it)";
  for (const tool of ["pg_createcluster", "pg_ctlcluster", "pg_dropcluster"]) {
    if (!fs.existsSync(`/usr/bin/${tool}`)) return `${tool} is not installed (Debian's postgresql-common)`;
  }
  const versions = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort((a, b) => Number(a) - Number(b)) : [];
  if (!versions.length) return "no PostgreSQL server under /usr/lib/postgresql";
  return { version: versions.at(-1)! };
}

const tools = clusterTools();
// CI (.ci/run: root, Debian's cluster tools, DATABASE_URL for the PostgreSQL run) provides every precondition:
// there a missing one is a failure, not a silent skip. The PGlite run has no DATABASE_URL and skips anywhere.
const mustRun = process.env.CI === "true" && Boolean(process.env.DATABASE_URL);
if (typeof tools === "string") {
  if (mustRun) {
    describe("PostgreSQL restarted under load", () => {
      it("has what it needs under CI", () => expect.fail(`cannot run: ${tools}`));
    });
  } else console.info(`[reliability] skipping "PostgreSQL restarted under load": ${tools}`);
}

const RATE = profile(15, 30);
const OUTAGES = profile(1, 3);
const cluster = `hookline-restart-${randomBytes(3).toString("hex")}`;
let version = "";
let url = "";
let receiver: Receiver;
let app: AppProcess | undefined;
const secrets = appSecrets();
const fixture = { tenantId: "", apiKey: "" };

const ctl = (action: "start" | "stop") =>
  execFileSync("pg_ctlcluster", action === "stop" ? [version, cluster, "stop", "--", "-m", "fast"] : [version, cluster, "start"], { stdio: "pipe" });

describe.skipIf(typeof tools === "string")("PostgreSQL restarted under load", () => {
  beforeAll(async () => {
    version = (tools as { version: string }).version;
    const port = await freePort();
    execFileSync("pg_createcluster", [version, cluster, "-p", String(port), "--start", "--", "--auth-local=peer", "--auth-host=scram-sha-256"], { stdio: "pipe" });
    const password = randomBytes(12).toString("hex");
    execFileSync("su", ["postgres", "-c", `psql -p ${port} -qc "CREATE ROLE hookline LOGIN SUPERUSER PASSWORD '${password}'" && createdb -p ${port} -O hookline hookline`], { stdio: "pipe" });
    url = `postgresql://hookline:${password}@127.0.0.1:${port}/hookline`;
    const migrator = new pg.Client({ connectionString: url });
    await migrator.connect();
    const migrations = new URL("../../prisma/migrations/", import.meta.url);
    for (const name of fs.readdirSync(migrations).filter((entry) => !entry.endsWith(".toml")).sort()) {
      await migrator.query(fs.readFileSync(new URL(`${name}/migration.sql`, migrations), "utf8"));
    }
    await migrator.end();

    receiver = await startReceiver();
    const handle = await openDatabase({ kind: "postgres", url });
    try {
      const { tenantId, apiKey } = await seedPublisher(handle.prisma, {
        secrets,
        keyName: "restart",
        endpoints: [{ url: receiver.url, enabled_events: ["RiskAssessmentCalculated"], retry_count: 10, retry_interval: 1 }],
      });
      Object.assign(fixture, { tenantId, apiKey });
    } finally {
      await handle.close();
    }
  }, 120_000);

  afterAll(async () => {
    await app?.kill("SIGKILL");
    await receiver?.close();
    if (version) {
      try {
        execFileSync("pg_dropcluster", [version, cluster, "--stop"], { stdio: "pipe" });
      } catch (error) {
        console.error(`[reliability] could not drop cluster ${version}/${cluster}`, error);
      }
    }
  }, 60_000);

  it("recovers by itself: publishes resume and every acknowledged message is delivered", async () => {
    const database: SharedDatabase = { target: url, open: () => openDatabase({ kind: "postgres", url }), close: async () => {} };
    app = await startPipelineApp(database, secrets);
    const publisher = publisherFor(app.origin, fixture.apiKey, 8);
    const load = publishAtRate(RATE, () => publisher);
    const { acknowledged } = load;

    const delivered = () => new Set(receiver.received.map((r) => String(r.headers["x-hookline-message-id"])));
    for (let outage = 0; outage < OUTAGES; outage++) {
      const before = receiver.received.length;
      await eventually(async () => (receiver.received.length >= before + 20 ? true : undefined), "deliveries to flow before the outage");
      ctl("stop");
      await sleep(profile(2_000, 10_000));
      ctl("start");
      // recovered by itself: new publishes are acknowledged and delivered again
      const ackedBefore = acknowledged.length;
      await eventually(async () => (acknowledged.length >= ackedBefore + 20 ? true : undefined), "publishes to be acknowledged again", 60_000);
      const fresh = acknowledged.slice(ackedBefore, ackedBefore + 20);
      await eventually(async () => (fresh.every((id) => delivered().has(id)) ? true : undefined), "new messages to be delivered again", 60_000);
    }
    await load.stop();
    const answers = publisher.answers();
    await publisher.close();
    // only accepted or "come back later": no 500, no connection dropped, no 503 without its Retry-After
    expect(Object.keys(answers).filter((kind) => kind !== "202" && kind !== "503"), JSON.stringify(answers)).toEqual([]);
    expect(answers["503"], "the outage was seen by the publishers").toBeGreaterThan(0);

    await eventually(async () => (acknowledged.every((id) => delivered().has(id)) ? true : undefined), "every acknowledged message to be delivered", 120_000, 250);
    await eventually(async () => ((await app!.stats()).backlog === 0 ? true : undefined), "the backlog to drain", 60_000, 250);
    await app.kill("SIGTERM");

    const handle = await database.open();
    try {
      const deliveries = await handle.prisma.delivery.findMany({
        where: { tenantId: fixture.tenantId },
        select: { messageId: true, status: true, _count: { select: { attempts: true } } },
      });
      const stored = new Set(deliveries.map((d) => d.messageId));
      for (const id of acknowledged) expect(stored.has(id), `acknowledged message ${id} is stored`).toBe(true);
      // what the database stored was delivered, whether or not the publisher heard back before the outage
      for (const delivery of deliveries) expect(delivery.status).toBe("succeeded");
      console.info(
        `[reliability] postgres-restart: ${acknowledged.length} acknowledged, ${load.refused()} refused (${JSON.stringify(answers)}) during ${OUTAGES} outage(s), ` +
          `${deliveries.length} delivered, ${receiver.received.length - delivered().size} duplicate requests`,
      );
    } finally {
      await handle.close();
    }
  }, profile(180_000, 600_000));
});
