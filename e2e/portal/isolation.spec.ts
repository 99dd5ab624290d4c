import { expect, test } from "@playwright/test";
import { signUp } from "../support";
import { createEndpoint } from "./portal-helpers";

test("two tenants never see each other's endpoints, deliveries, inspector bins or keys", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const alice = await (await browser.newContext({ baseURL })).newPage();
  await signUp(alice, { organization: "Alice Widgets" });
  const aliceEndpoint = await createEndpoint(alice, { description: "Alice's secret receiver" });
  const captureUrl = (await alice.getByTestId("endpoint-url").textContent())!;
  await alice.goto("/api-keys");
  await alice.getByRole("button", { name: "Create API key" }).click();
  await alice.getByLabel("Name").fill("Alice's key");
  await alice.getByRole("button", { name: "Create key" }).click();
  await expect(alice.getByTestId("new-api-key")).not.toBeEmpty();

  const bob = await (await browser.newContext({ baseURL })).newPage();
  await signUp(bob, { organization: "Bob Gadgets" });
  await expect(bob.getByTestId("tenant-name")).toHaveText("Bob Gadgets");

  await bob.goto("/endpoints");
  await expect(bob.getByText("No endpoints yet")).toBeVisible();
  await expect(bob.getByText("Alice's secret receiver")).toHaveCount(0);

  const response = await bob.goto(`/endpoints/${aliceEndpoint}`);
  expect(response?.status()).toBe(404);
  await expect(bob.getByText("Alice's secret receiver")).toHaveCount(0);
  expect((await bob.goto(`/endpoints/${aliceEndpoint}/edit`))?.status()).toBe(404);

  await bob.goto("/inspector");
  await expect(bob.getByText("No capture URLs yet")).toBeVisible();
  await expect(bob.getByText(captureUrl)).toHaveCount(0);

  await bob.goto("/api-keys");
  await expect(bob.getByText("No API keys yet")).toBeVisible();
  await bob.goto("/messages");
  await expect(bob.getByText("No messages yet")).toBeVisible();
  await bob.goto("/primary-webhook");
  await expect(bob.getByLabel("Webhook URL")).toHaveValue("");
  await bob.goto("/dashboard");
  await expect(bob.getByText("Nothing sent yet")).toBeVisible();

  // the API the pages use refuses too: Alice's endpoint is simply not found for Bob
  const viaTrpc = await bob.request.get(`/api/trpc/endpoints.get?input=${encodeURIComponent(JSON.stringify({ json: { id: aliceEndpoint } }))}`);
  expect(viaTrpc.status()).toBe(404);

  // and Alice still sees all of hers
  await alice.goto("/endpoints");
  await expect(alice.getByText("Alice's secret receiver")).toBeVisible();
});
