import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { chromium, defineConfig } from "@playwright/test";

// Playwright's own Chromium when it is installed; otherwise Debian's (npx playwright install cannot
// download browsers on locked-down machines).
const bundledChromium = (() => {
  try {
    return chromium.executablePath();
  } catch {
    return "";
  }
})();
const useSystemChromium = !(bundledChromium && fs.existsSync(bundledChromium)) && fs.existsSync("/usr/bin/chromium");

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = path.resolve(".data/e2e");
/** A page of "the product" on another port, which embeds the tenant portal in an iframe (e2e/portal/embedded-portal.spec.ts). */
export const EMBEDDING_ORIGIN = "http://127.0.0.1:3111";
/** The SMTP server e2e/portal/invitations.spec.ts starts to catch the app's email; fixed, since the app is told it at start. */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);

/**
 * E2E_DATABASE_URL (an empty PostgreSQL database) runs the server in PostgreSQL mode instead of embedded: migrations
 * deployed, the demo tenant seeded and its key kept where the api specs read it, as an operator would set it up.
 */
const postgresUrl = process.env.E2E_DATABASE_URL;
const serveOnPostgres = [
  `mkdir -p ${E2E_DATA_DIR}`,
  "npm run --silent db:deploy",
  "npm run --silent db:seed",
  `npm run --silent apikey -- --tenant demo --name e2e | tail -n 1 > ${E2E_DATA_DIR}/demo-api-key`,
  `npm start -- --no-seed --port ${PORT}`,
].join(" && ");

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: useSystemChromium
      ? {
          executablePath: "/usr/bin/chromium",
          args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        }
      : {},
  },
  projects: [
    { name: "api", testMatch: /api\/.*\.spec\.ts/ },
    { name: "portal", testMatch: /portal\/.*\.spec\.ts/, use: { viewport: { width: 1360, height: 900 } } },
  ],
  webServer: {
    // a fresh install each run: migrations, demo tenant, production build, next start
    command: `rm -rf ${E2E_DATA_DIR} && ${postgresUrl ? serveOnPostgres : `npm start -- --port ${PORT}`}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    // the first start builds the app: minutes on a 2-core machine
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      HOOKLINE_DATA_DIR: E2E_DATA_DIR,
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
      HOOKLINE_FRAME_ANCESTORS: EMBEDDING_ORIGIN,
      // nothing listens there except while a spec that reads email runs: other specs' emails fail, and the portal says so
      HOOKLINE_SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      HOOKLINE_EMAIL_FROM: "Hookline e2e <hookline@example.test>",
      // every spec signs in from 127.0.0.1, the demo operator over and over: budgets for a test run
      HOOKLINE_AUTH_ATTEMPTS_PER_ADDRESS: "10000",
      HOOKLINE_AUTH_ATTEMPTS_PER_ACCOUNT: process.env.E2E_AUTH_ATTEMPTS_PER_ACCOUNT ?? "30",
      ...(postgresUrl && {
        DATABASE_URL: postgresUrl,
        HOOKLINE_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
        // the specs' receivers and inspector listen on 127.0.0.1
        HOOKLINE_ALLOW_PRIVATE_NETWORKS: "true",
        // a test install: its demo operator, published password and all, is asked for
        HOOKLINE_SEED_DEMO: "true",
      }),
    },
    stdout: "pipe",
  },
});
