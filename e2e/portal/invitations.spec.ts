import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_SMTP_PORT } from "../../playwright.config";
import { linkIn, startSmtpCatcher, type SmtpCatcher } from "../../src/test/smtp-catcher";
import { screenshot, signIn, signUp, uniqueEmail } from "../support";

let smtp: SmtpCatcher;

test.beforeAll(async () => {
  smtp = await startSmtpCatcher({ port: E2E_SMTP_PORT });
});
test.afterAll(async () => {
  await smtp.close();
});

/** Where the owner manages invitations (the members page mounts the same component). */
const INVITATIONS_PAGE = "/members";

async function invite(page: Page, email: string, role: "admin" | "developer" | "viewer", shotName?: string) {
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite member" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("radio", { name: new RegExp(`^${role}`, "i") }).check();
  if (shotName) await screenshot(page, shotName);
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  const shared = page.getByRole("dialog", { name: "Share the invitation" });
  await expect(shared.getByTestId("invitation-emailed")).toHaveAttribute("data-emailed", "sent");
  await expect(shared.getByTestId("invitation-link")).toContainText("/invitations/hli_");
  await shared.getByRole("button", { name: "Done" }).click();
}

/** Opens the link in a browser of its own (nobody signed in) and signs up through it. */
async function signUpThroughLink(browser: Browser, link: string, { name, email, tenantName }: { name: string; email: string; tenantName: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByTestId("invitation-tenant")).toHaveText(tenantName);
  await expect(page.getByTestId("invited-email")).toHaveText(email);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("tenant-name")).toHaveText(tenantName);
  await expect(page.getByTestId("user-email")).toHaveText(email);
  return { page, close: () => context.close() };
}

/** What the invited role may do shows in the portal, and the server holds to it past the hidden controls. */
async function expectControlsOf(page: Page, role: "developer" | "viewer") {
  await page.goto("/endpoints");
  await expect(page.getByRole("heading", { name: "Endpoints" }).first()).toBeVisible();
  if (role === "viewer") await expect(page.getByRole("link", { name: /New endpoint/ })).toHaveCount(0);
  else await expect(page.getByRole("link", { name: /New endpoint/ }).first()).toBeVisible();
  const created = await page.request.post("/api/trpc/endpoints.create", { data: { json: { url: `https://${role}.example/hook` } } });
  expect(created.status(), await created.text()).toBe(role === "viewer" ? 403 : 200);
}

test("an owner invites a viewer and a developer by email; each signs up through the emailed link", async ({ page, browser, baseURL }) => {
  await signUp(page, { organization: "Initech Payments" });
  await page.goto(INVITATIONS_PAGE);
  await expect(page.getByRole("heading", { name: "Invitations", exact: true }).first()).toBeVisible();
  const viewer = uniqueEmail("viewer");
  const developer = uniqueEmail("developer");
  await invite(page, viewer, "viewer", "invite-dialog");
  await invite(page, developer, "developer");
  await expect(page.getByTestId("invitation-row")).toHaveCount(2);
  await screenshot(page, "pending-invitations");

  for (const [email, name, role] of [[viewer, "Vera Viewer", "viewer"], [developer, "Devi Developer", "developer"]] as const) {
    const message = await smtp.waitForEmail((m) => m.to.includes(email));
    expect(message.subject).toBe("You are invited to Initech Payments on Hookline");
    const link = linkIn(message, `${baseURL}/invitations/`);
    const joined = await signUpThroughLink(browser, link, { name, email, tenantName: "Initech Payments" });
    await expectControlsOf(joined.page, role);
    await joined.close();

    // the link worked once
    const again = await browser.newPage();
    await again.goto(link);
    await expect(again.getByRole("main").getByRole("alert")).toHaveText("This invitation has already been accepted.");
    await again.close();
  }

  await page.reload();
  await expect(page.getByText("No pending invitations")).toBeVisible();
});

test("an invitation revoked by the owner no longer opens", async ({ page, browser, baseURL }) => {
  await signUp(page, { organization: "Revoking Co" });
  await page.goto(INVITATIONS_PAGE);
  const email = uniqueEmail("revoked");
  await invite(page, email, "viewer");
  const link = linkIn(await smtp.waitForEmail((m) => m.to.includes(email)), `${baseURL}/invitations/`);
  await page.getByTestId("invitation-row").getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke invitation" }).click();
  await expect(page.getByText("No pending invitations")).toBeVisible();

  const visitor = await browser.newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole("main").getByRole("alert")).toHaveText("This invitation was withdrawn. Ask for a new one.");
  await visitor.close();
});

test("a password reset works end to end and ends the session signed in before it", async ({ page, browser, baseURL }) => {
  const account = await signUp(page, { organization: "Forgetful Ltd" });
  const newPassword = "a fresh passphrase 42";

  const elsewhere = await browser.newContext();
  const forgot = await elsewhere.newPage();
  await forgot.goto("/signin");
  await forgot.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(forgot.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await forgot.getByLabel("Email").fill(account.email);
  await forgot.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(forgot.getByRole("status")).toContainText(`If ${account.email} has an account, a link to choose a new password is on its way.`);

  const message = await smtp.waitForEmail((m) => m.to.includes(account.email) && m.subject === "Reset your Hookline password");
  await forgot.goto(linkIn(message, `${baseURL}/reset-password/`));
  await forgot.getByLabel("New password").fill(newPassword);
  await forgot.getByRole("button", { name: "Set new password" }).click();
  await expect(forgot.getByRole("status")).toContainText("every session that was signed in with the old one has ended");
  await elsewhere.close();

  // the browser signed in before the reset is signed out
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, { email: account.email, password: newPassword });
  await expect(page.getByTestId("user-email")).toHaveText(account.email);
});
