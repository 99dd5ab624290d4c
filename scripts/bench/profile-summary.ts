/**
 * Where a process's CPU went, from the `.cpuprofile` files `node --cpu-prof` writes: self time per area
 * (a package in node_modules, a folder of src/, node internals, GC, idle) and per function.
 *
 *   npx tsx scripts/bench/profile-summary.ts <dir or .cpuprofile> [top] [inclusive-pattern …]
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type ProfileSummary = {
  file: string;
  totalMs: number;
  busyMs: number;
  byArea: { name: string; ms: number; percent: number }[];
  byFunction: { name: string; ms: number; percent: number }[];
};

function areaOf(url: string, functionName: string): string {
  if (functionName === "(garbage collector)") return "(garbage collector)";
  if (functionName === "(idle)" || functionName === "(program)") return functionName;
  if (!url) return "(native)";
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
  const clean = url.replace(/^file:\/\//, "");
  const modules = clean.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = clean.slice(modules + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  // Next's server bundles: .next/server/chunks/… hold app code and bundled packages together
  const next = clean.indexOf("/.next/");
  if (next >= 0) return `.next/${clean.slice(next + 7).split("/").slice(0, 2).join("/")}`;
  const src = clean.indexOf("/src/");
  if (src >= 0) return `src/${clean.slice(src + 5).split("/").slice(0, 2).join("/")}`;
  return path.basename(clean);
}

/**
 * Total time (self + callees) spent under functions whose name or file matches `pattern`, counted once per
 * sample even when such functions call each other.
 */
export function inclusiveTime(file: string, pattern: RegExp): { ms: number; percentOfBusy: number } {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const matches = new Map<number, boolean>();
  const under = (id: number): boolean => {
    const known = matches.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const self = pattern.test(`${node.callFrame.functionName} ${node.callFrame.url}`);
    const up = parent.get(id);
    const result = self || (up !== undefined && under(up));
    matches.set(id, result);
    return result;
  };
  let total = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    if (byId.get(id)!.callFrame.functionName !== "(idle)") busy += us;
    if (under(id)) total += us;
  });
  return { ms: total / 1000, percentOfBusy: busy ? (100 * total) / busy : 0 };
}

export function summarizeOne(file: string, top = 40): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    total += us;
    if (functionName === "(idle)") idle += us;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const fn = `${functionName || "(anonymous)"} ${url ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/(src|\.next)\//, "$1/")}:${lineNumber + 1}` : ""}`.trim();
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const busy = total - idle;
  const rank = (map: Map<string, number>) =>
    [...map]
      .filter(([name]) => name !== "(idle)" && !name.startsWith("(idle)"))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, percent: busy > 0 ? (100 * us) / busy : 0 }));
  return { file, totalMs: total / 1000, busyMs: busy / 1000, byArea: rank(areas), byFunction: rank(functions) };
}

/** The profile with the most busy time in a directory: the server process (start.ts and tsx barely run). */
export function summarizeProfile(target: string, top = 40): ProfileSummary | undefined {
  if (!fs.existsSync(target)) return undefined;
  const files = fs.statSync(target).isDirectory()
    ? fs.readdirSync(target).filter((name) => name.endsWith(".cpuprofile")).map((name) => path.join(target, name))
    : [target];
  const summaries = files.map((file) => summarizeOne(file, top));
  return summaries.sort((a, b) => b.busyMs - a.busyMs)[0];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const summary = summarizeProfile(process.argv[2] ?? ".", Number(process.argv[3] ?? 40));
  if (!summary) throw new Error("no .cpuprofile found");
  // further arguments: regular expressions whose inclusive time to show, e.g. "publishMessage" "attemptDelivery"
  for (const pattern of process.argv.slice(4)) {
    const { ms, percentOfBusy } = inclusiveTime(summary.file, new RegExp(pattern));
    console.log(`inclusive ${pattern}: ${ms.toFixed(0)} ms (${percentOfBusy.toFixed(1)}% of busy)`);
  }
  console.log(`${summary.file}: ${summary.busyMs.toFixed(0)} ms busy of ${summary.totalMs.toFixed(0)} ms\n\nby area (self time)`);
  for (const row of summary.byArea) console.log(`${row.percent.toFixed(1).padStart(6)}%  ${row.ms.toFixed(0).padStart(7)} ms  ${row.name}`);
  console.log("\nby function (self time)");
  for (const row of summary.byFunction) console.log(`${row.percent.toFixed(1).padStart(6)}%  ${row.ms.toFixed(0).padStart(7)} ms  ${row.name}`);
}
