/**
 * Sign-in against the running app (issue 12, findings 2 and 10): the same answer and about the same time
 * for an unknown email as for a wrong password, a throttle per account with 429 and Retry-After, and a
 * session cookie that a cross-site request does not carry. Sign-up and the tRPC route are covered
 * through their route handler in src/server/trpc/trpc-abuse.test.ts.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO, uniqueEmail } from "../support";

/** The playwright config raises the per-account budget so the suite's own sign-ins fit; this is it. */
const ATTEMPTS_PER_ACCOUNT = Number(process.env.E2E_AUTH_ATTEMPTS_PER_ACCOUNT ?? 30);

async function signInAttempt(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const started = performance.now();
  const response = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0 });
  const ms = performance.now() - started;
  return { status: response.status(), headers: response.headers(), body: (await response.json()) as { url: string }, ms };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

test("an unknown email and a wrong password get the same answer in about the same time", async ({ request }) => {
  // a known account of this run, so the demo operator's budget is left to the other specs
  const email = uniqueEmail("known");
  const signUp = await request.post("/api/trpc/account.signUp?batch=1", {
    data: { 0: { json: { name: "Known", email, password: "correct horse battery", organization: "Known Co" } } },
  });
  expect(signUp.status()).toBe(200);

  const wrong: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < 5; i++) {
    const known = await signInAttempt(request, email, "not the password");
    const nobody = await signInAttempt(request, uniqueEmail("nobody"), "not the password");
    expect(nobody.status).toBe(known.status);
    expect(nobody.body).toEqual(known.body);
    wrong.push(known.ms);
    unknown.push(nobody.ms);
  }
  console.log(`sign-in median: wrong password ${median(wrong).toFixed(1)} ms, unknown email ${median(unknown).toFixed(1)} ms`);
  // an unknown email spends the same argon2 verification (it answered in a few ms before)
  expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.5);
});

test("sign-in attempts on one account are throttled with 429 and Retry-After, whatever the password", async ({ request }) => {
  const email = uniqueEmail("target");
  for (let i = 0; i < ATTEMPTS_PER_ACCOUNT; i++) expect((await signInAttempt(request, email, `guess ${i}`)).status).toBe(401);
  const refused = await signInAttempt(request, email, "guess again");
  expect(refused.status).toBe(429);
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  // next-auth's client reads the error from this URL: the sign-in page says "too many attempts"
  expect(new URL(refused.body.url).searchParams.get("error")).toBe("TooManyAttempts");
  // other accounts are not locked by it
  expect((await signInAttempt(request, DEMO.email, "wrong")).status).toBe(401);
});

test("the session cookie is HttpOnly and SameSite=Lax, so a cross-site form post does not carry it", async ({ request }) => {
  const email = uniqueEmail("cookie");
  await request.post("/api/trpc/account.signUp?batch=1", {
    data: { 0: { json: { name: "Cookie", email, password: "correct horse battery", organization: "Cookie Co" } } },
  });
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: "correct horse battery", json: "true" },
    maxRedirects: 0,
  });
  const session = response.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("next-auth.session-token="));
  expect(session?.value).toMatch(/;\s*HttpOnly/i);
  expect(session?.value).toMatch(/;\s*SameSite=(Lax|Strict)/i);
});

test("a form post to a tRPC mutation is refused with 415", async ({ request }) => {
  const response = await request.post("/api/trpc/primaryWebhook.rotateToken", { form: { a: "b" } });
  expect(response.status()).toBe(415);
});
