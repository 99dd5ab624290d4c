import fs from "node:fs";
import path from "node:path";

// Read from node_modules at run time rather than copied into public/: the asset always matches the
// pinned @scalar/api-reference version and 3.5 MB of vendored JavaScript stay out of the repository.
const packageDir = path.join(process.cwd(), "node_modules/@scalar/api-reference");

let cached: { version: string; script?: Buffer } | undefined;

export function scalarAssetVersion(): string {
  cached ??= { version: (JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }).version };
  return cached.version;
}

export function scalarStandaloneScript(): Buffer {
  scalarAssetVersion();
  cached!.script ??= fs.readFileSync(path.join(packageDir, "dist/browser/standalone.js"));
  return cached!.script;
}
