import { it } from "vitest";
import { listenForApp } from "./harness";
import { createBenchApp } from "./fixtures/bench-app";
import { httpTransport } from "../transport";
import { callRequestBody } from "../protocol";
import { generateCredentials, executorEnvironment, signatureHeader } from "../signing";

it("sdk only", async () => {
  const creds = generateCredentials();
  Object.assign(process.env, executorEnvironment({ origin: "http://127.0.0.1:1", ...creds }));
  if (process.env.DEVMODE) process.env.INNGEST_DEV = "http://127.0.0.1:1";
  const served = await listenForApp();
  const app = createBenchApp(); served.bind(app.inngest, app.functions);
  const t = httpTransport(served.url, { connections: 16 });
  const event = { id: "e", name: "bench/one-step", data: {}, ts: Date.now() };
  const one = async (i: number) => {
    const body = callRequestBody({ runId: `r${i}`, event, steps: [], attempt: 0, maxAttempts: 1, disableImmediateExecution: false });
    const res = await t.send({ method: "POST", query: { fnId: "executor-bench-one-step", stepId: "step" }, headers: { "content-type": "application/json", "x-inngest-signature": signatureHeader(body, creds.signingKey) }, body, timeoutMs: 10000 });
    if (res.status !== 206) throw new Error(res.status + res.body);
  };
  for (const conc of [1, 16]) {
    const N = 1000; let next = 0; const t0 = performance.now();
    await Promise.all(Array.from({ length: conc }, async () => { while (next < N) await one(next++); }));
    console.log("conc", conc, "calls/s", (N / ((performance.now() - t0) / 1000)).toFixed(0));
  }
  await t.close(); await served.close();
}, 60000);
