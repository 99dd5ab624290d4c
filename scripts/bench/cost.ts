/**
 * What a stretch of load cost, per delivery: CPU of the whole machine minus the load generator's own (issue 20's
 * definition, comparable with the peers' figures), CPU of the system under test alone (the app's processes, the
 * receiver and the PostgreSQL backends of the bench's database: far less sensitive to other work on a shared
 * machine), and SQL statements executed in the bench's database (pg_stat_statements, where the cluster loads it).
 */
import fs from "node:fs";
import pg from "pg";
import { cpuSeconds } from "./processes.ts";

/** busy and total jiffies of the whole machine since boot (/proc/stat's first line) */
function machineJiffies(): { busy: number; total: number } {
  const fields = fs.readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

const JIFFIES_PER_SECOND = 100;

export type StatementCount = { query: string; calls: number; topLevel: boolean };

export type Cost = {
  elapsedMs: number;
  /** whole machine busy CPU minus the generator's, ms */
  machineCpuMs: number;
  generatorCpuMs: number;
  /** the app's processes + the receiver + the database's backends, ms */
  systemCpuMs: number;
  appCpuMs: number;
  databaseCpuMs: number;
  /** statements the app sent (top level: round trips); NaN where pg_stat_statements is not available */
  statements: number;
  /** statements run inside those (foreign-key checks, functions) */
  nestedStatements: number;
  /** the most executed statements over the stretch */
  topStatements: StatementCount[];
};

export type CostPerDelivery = {
  deliveries: number;
  machineCpuMs: number;
  systemCpuMs: number;
  appCpuMs: number;
  databaseCpuMs: number;
  statements: number;
  nestedStatements: number;
};

export function perDelivery(cost: Cost, deliveries: number): CostPerDelivery {
  const per = (value: number) => (deliveries > 0 ? value / deliveries : NaN);
  return {
    deliveries,
    machineCpuMs: per(cost.machineCpuMs),
    systemCpuMs: per(cost.systemCpuMs),
    appCpuMs: per(cost.appCpuMs),
    databaseCpuMs: per(cost.databaseCpuMs),
    statements: per(cost.statements),
    nestedStatements: per(cost.nestedStatements),
  };
}

type Snapshot = {
  at: number;
  machine: { busy: number; total: number };
  generator: NodeJS.CpuUsage;
  app: Map<number, number>;
  database: Map<number, number>;
  statements: Map<string, number> | undefined;
};

/**
 * Measures one stretch: `start()` then `stop()`. `appPids` are read at each end (processes may come and go);
 * the database's backends are found in pg_stat_activity, each counted from when the stretch saw it first.
 */
export class CostMeter {
  private client?: pg.Client;
  private statementsAvailable = false;
  private started?: Snapshot;

  constructor(
    /** the cluster's admin database, where pg_stat_statements is installed */
    private readonly adminUrl: string | undefined,
    /** the bench's database name, to count its backends and statements only */
    private readonly databaseName: string | undefined,
    private readonly appPids: () => number[],
  ) {}

  async open() {
    if (!this.adminUrl || !this.databaseName) return;
    this.client = new pg.Client({ connectionString: this.adminUrl });
    // cut by (l)'s server restart after the last measured stretch: nothing is read from it afterwards
    this.client.on("error", () => {});
    await this.client.connect();
    try {
      await this.client.query("SELECT 1 FROM pg_stat_statements LIMIT 1");
      this.statementsAvailable = true;
    } catch {
      this.statementsAvailable = false;
    }
  }

  get countsStatements() {
    return this.statementsAvailable;
  }

  private async snapshot(): Promise<Snapshot> {
    const app = new Map<number, number>();
    for (const pid of this.appPids()) app.set(pid, cpuSeconds(pid));
    const database = new Map<number, number>();
    let statements: Map<string, number> | undefined;
    if (this.client) {
      const backends = await this.client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [this.databaseName]);
      for (const { pid } of backends.rows) database.set(pid, cpuSeconds(pid));
      if (this.statementsAvailable) {
        const rows = await this.client.query<{ query: string; toplevel: boolean; calls: string }>(
          `SELECT s.query, s.toplevel, sum(s.calls)::text AS calls FROM pg_stat_statements s
           WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = $1) GROUP BY s.query, s.toplevel`,
          [this.databaseName],
        );
        statements = new Map(rows.rows.map((row) => [`${row.toplevel ? "top" : "nested"}\0${row.query}`, Number(row.calls)]));
      }
    }
    return { at: performance.now(), machine: machineJiffies(), generator: process.cpuUsage(), app, database, statements };
  }

  async start() {
    this.started = await this.snapshot();
  }

  async stop(): Promise<Cost> {
    const end = await this.snapshot();
    const start = this.started!;
    const generator = process.cpuUsage(start.generator);
    const generatorCpuMs = (generator.user + generator.system) / 1000;
    const machineCpuMs = ((end.machine.busy - start.machine.busy) / JIFFIES_PER_SECOND) * 1000 - generatorCpuMs;
    // a process first seen at the end started within the stretch: all its CPU is the stretch's
    const delta = (before: Map<number, number>, after: Map<number, number>) => {
      let seconds = 0;
      for (const [pid, value] of after) if (Number.isFinite(value)) seconds += value - (before.get(pid) ?? 0);
      return seconds * 1000;
    };
    const appCpuMs = delta(start.app, end.app);
    const databaseCpuMs = delta(start.database, end.database);
    let statements = NaN;
    let nestedStatements = NaN;
    let topStatements: StatementCount[] = [];
    if (start.statements && end.statements) {
      const counts: StatementCount[] = [];
      for (const [key, calls] of end.statements) {
        const made = calls - (start.statements.get(key) ?? 0);
        const [level, query] = key.split("\0") as [string, string];
        if (made > 0) counts.push({ query: query.replace(/\s+/g, " ").slice(0, 240), calls: made, topLevel: level === "top" });
      }
      const sum = (rows: StatementCount[]) => rows.reduce((total, row) => total + row.calls, 0);
      statements = sum(counts.filter((row) => row.topLevel));
      nestedStatements = sum(counts.filter((row) => !row.topLevel));
      topStatements = counts.filter((row) => row.topLevel).sort((a, b) => b.calls - a.calls).slice(0, 25);
    }
    return {
      elapsedMs: end.at - start.at,
      machineCpuMs,
      generatorCpuMs,
      systemCpuMs: appCpuMs + databaseCpuMs,
      appCpuMs,
      databaseCpuMs,
      statements,
      nestedStatements,
      topStatements,
    };
  }

  async close() {
    await this.client?.end().catch(() => {});
  }
}
