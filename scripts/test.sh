#!/usr/bin/env bash
# `npm test`: type check, lint, unit + integration tests (Vitest), then the built app in Chromium and over
# HTTP (Playwright). Runs on PGlite; set DATABASE_URL to a PostgreSQL server to run the integration
# suite there too (each test file creates and drops its own database).
set -euo pipefail
cd "$(dirname "$0")/.."
results=.test-results
rm -rf "$results" && mkdir -p "$results"

echo "── typecheck"; npx tsc --noEmit
echo "── lint"; npx eslint --max-warnings=0 .
echo "── vitest"; npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json"
echo "── playwright"
# The e2e server always runs embedded (PGlite under .data/e2e), whatever DATABASE_URL says.
env -u DATABASE_URL PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" npx playwright test

node scripts/lib/summarize-tests.mjs "$results/vitest.json" "$results/playwright.json"
