// Prints one "N passed, M failed" line over every runner's JSON report, for CI logs. A Playwright spec that
// failed and then passed on a retry (CI retries once) is flaky: it is named in the line and fails the run.
import fs from "node:fs";

/** Titles of the Playwright tests whose outcome was "flaky", walking the report's nested suites. */
function flakyTitles(suites = [], parents = []) {
  return suites.flatMap((suite) => {
    const path = suite.title ? [...parents, suite.title] : parents;
    const own = (suite.specs ?? []).flatMap((spec) =>
      (spec.tests ?? []).filter((test) => test.status === "flaky").map((test) => `${[...path, spec.title].join(" › ")} [${test.projectName}]`),
    );
    return [...own, ...flakyTitles(suite.suites, path)];
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
const flaky = [];
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) continue;
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  if ("numPassedTests" in report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  } else if (report.stats) {
    passed += report.stats.expected;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    flaky.push(...flakyTitles(report.suites));
  }
}
const parts = [`${passed} passed`, `${failed} failed`];
if (flaky.length) parts.push(`${flaky.length} flaky (${flaky.join("; ")})`);
if (skipped) parts.push(`${skipped} skipped`);
console.log(parts.join(", "));
process.exitCode = failed || flaky.length ? 1 : 0;
