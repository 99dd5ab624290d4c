import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { curl, json } from "./api-helpers";

// The server under test is `npm start` in embedded mode: PGlite is open in its process, and the admin
// commands reach it through the admin channel in its data directory (playwright.config.ts).
const run = promisify(execFile);
const asTheUser = { ...process.env, HOOKLINE_DATA_DIR: path.resolve(".data/e2e"), DATABASE_URL: "" };

// With PostgreSQL the commands open the database themselves, the app running or not (admin-channel.test.ts).
test.skip(!!process.env.E2E_DATABASE_URL, "the admin channel serves embedded installs only");

test("npm run apikey -- --tenant demo prints a key that works at once while npm start runs", async ({ request }) => {
  const { stdout } = await run("npm", ["run", "--silent", "apikey", "--", "--tenant", "demo", "--name", "e2e admin channel"], { env: asTheUser });
  expect(stdout).toContain('API key "e2e admin channel" for Demo Inc. (demo)');
  const key = stdout.trim().split("\n").at(-1)!;
  expect(key).toMatch(/^hk_live_/);
  const endpoints = await json<{ data: unknown[] }>(await curl(request, { path: "/api/v2/webhook_endpoint", token: key }), 200);
  expect(endpoints.data.length).toBeGreaterThan(0);
});

test("npm run operator reaches the running server and names an unknown user", async () => {
  const { stdout } = await run("npm", ["run", "--silent", "operator", "--", "--email", "demo@hookline.dev"], { env: asTheUser });
  expect(stdout).toBe("demo@hookline.dev is now an operator: the console is at /operator\n");
  const unknown = await run("npm", ["run", "--silent", "operator", "--", "--email", "nobody@example.test"], { env: asTheUser }).catch((error: { code: number; stderr: string }) => error);
  expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining("User nobody@example.test not found") });
});
