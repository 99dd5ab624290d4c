import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signUp } from "../support";
import { createApiKey } from "./portal-helpers";

/** A receiver on 127.0.0.1 that answers 503 while `down`, and keeps the event types it got. */
async function startReceiver() {
  const state = { down: true, eventTypes: [] as string[] };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      state.eventTypes.push(String(req.headers["x-hookline-event-type"]));
      res.writeHead(state.down ? 503 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, close: () => new Promise((resolve) => server.close(resolve)) };
}

test("an endpoint's operational alerts show on its page and reach the endpoint subscribed to them in the form", async ({ page }) => {
  test.setTimeout(180_000);
  const flaky = await startReceiver();
  const alerts = await startReceiver();
  alerts.state.down = false;
  await signUp(page, { organization: "Alerting Ltd" });
  const key = await createApiKey(page, "Setup");
  const auth = { Authorization: `Bearer ${key}` };

  const created = await page.request.post("/api/v2/webhook_endpoint", {
    headers: auth,
    data: { url: flaky.url, enabled_events: ["profile_create"], retry_count: 2, retry_interval: 1, description: "Flaky receiver" },
  });
  expect(created.status()).toBe(201);
  const flakyId = ((await created.json()) as { id: string }).id;

  // the tenant opts in from the endpoint form: operational events are listed apart from "every event"
  await page.goto("/endpoints/new");
  await page.getByLabel("Endpoint URL").fill(alerts.url);
  await page.getByLabel("Description").fill("Alerts");
  await expect(async () => {
    await page.getByLabel("endpoint.failing").check();
    await expect(page.getByLabel("endpoint.failing")).toBeChecked({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await page.getByLabel("endpoint.recovered").check();
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page).toHaveURL(/\/endpoints\/[0-9a-f-]{36}$/);

  const example = ((await (await page.request.get("/api/v2/events", { headers: auth })).json()) as { name: string; example: unknown }[]).find((e) => e.name === "profile_create")!.example;
  const publish = async () => expect((await page.request.post("/api/v2/messages", { headers: auth, data: { event_type: "profile_create", payload: example } })).status()).toBe(202);
  // two messages, three attempts each: six failures in a row, past the default five
  await publish();
  await publish();

  await page.goto(`/endpoints/${flakyId}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("alert").filter({ hasText: "Failing since" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByRole("alert").filter({ hasText: "Failing since" })).toContainText("attempts in a row failed");
  await expect.poll(() => alerts.state.eventTypes, { timeout: 30_000 }).toContain("endpoint.failing");

  flaky.state.down = false;
  await publish();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("status").filter({ hasText: "Recovered" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await expect.poll(() => alerts.state.eventTypes, { timeout: 30_000 }).toContain("endpoint.recovered");
  expect(alerts.state.eventTypes.filter((type) => type === "endpoint.failing")).toHaveLength(1);
  await flaky.close();
  await alerts.close();
});
