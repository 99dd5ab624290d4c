/**
 * An ordinary Inngest app (nothing executor-specific) exercising every behaviour the executor must honour.
 * Each function records its step-body executions in `journal`, keyed by the event's `data.key`, so tests can
 * count how often user code really ran.
 */
import { Inngest, NonRetriableError, RetryAfterError } from "inngest";

export type JournalEntry = { key: string; what: string; at: number; attempt: number };

const silent = { info() {}, warn() {}, error() {}, debug() {} };

export function createTestApp(id = "executor-test") {
  const journal: JournalEntry[] = [];
  const note = (key: string, what: string, attempt = 0) => journal.push({ key, what, at: Date.now(), attempt });
  const count = (key: string, what: string) => journal.filter((entry) => entry.key === key && entry.what === what).length;
  const inngest = new Inngest({ id, logger: silent });

  const memo = inngest.createFunction({ id: "memo", triggers: [{ event: "test/memo" }] }, async ({ event, step }) => {
    const a = await step.run("a", () => {
      note(event.data.key, "a");
      return { value: 1 };
    });
    const b = await step.run("b", () => {
      note(event.data.key, "b");
      return a.value + 1;
    });
    return { a, b };
  });

  const sleeper = inngest.createFunction({ id: "sleeper", triggers: [{ event: "test/sleep" }] }, async ({ event, step }) => {
    await step.run("before", () => note(event.data.key, "before"));
    if (event.data.until) await step.sleepUntil("until", new Date(event.data.until));
    else await step.sleep("nap", "1s");
    await step.run("after", () => note(event.data.key, "after"));
    return "rested";
  });

  const flaky = inngest.createFunction({ id: "flaky", retries: 3, triggers: [{ event: "test/flaky" }] }, async ({ event, step }) => {
    return step.run("wobbly", () => {
      note(event.data.key, "wobbly");
      if (count(event.data.key, "wobbly") < 3) throw new Error(`wobble #${count(event.data.key, "wobbly")}`);
      return "steady";
    });
  });

  const doomed = inngest.createFunction({ id: "doomed", retries: 1, triggers: [{ event: "test/doomed" }] }, async ({ event, step }) => {
    await step.run("never-works", () => {
      note(event.data.key, "never-works");
      throw new Error("permanently broken");
    });
    return "unreachable";
  });

  const functionRetry = inngest.createFunction(
    { id: "function-retry", retries: 2, triggers: [{ event: "test/function-retry" }] },
    async ({ event, attempt }) => {
      note(event.data.key, "body", attempt);
      if (attempt < 2) throw new Error(`function attempt ${attempt} failed`);
      return { succeededOnAttempt: attempt };
    },
  );

  const nonRetriable = inngest.createFunction(
    { id: "non-retriable", retries: 3, triggers: [{ event: "test/non-retriable" }] },
    async ({ event, step }) => {
      await step.run("refuse", () => {
        note(event.data.key, "refuse");
        throw new NonRetriableError("this will never work");
      });
    },
  );

  const retryAfter = inngest.createFunction(
    { id: "retry-after", retries: 2, triggers: [{ event: "test/retry-after" }] },
    async ({ event, step }) => {
      return step.run("rate-limited", () => {
        note(event.data.key, "rate-limited");
        if (count(event.data.key, "rate-limited") === 1) throw new RetryAfterError("slow down", "1s");
        return "served";
      });
    },
  );

  const parallel = inngest.createFunction({ id: "parallel", triggers: [{ event: "test/parallel" }] }, async ({ event, step }) => {
    const parts = await Promise.all(
      ["p1", "p2", "p3"].map((id, i) =>
        step.run(id, () => {
          note(event.data.key, id);
          return i + 1;
        }),
      ),
    );
    const sum = await step.run("sum", () => {
      note(event.data.key, "sum");
      return parts.reduce((total, part) => total + part, 0);
    });
    return { parts, sum };
  });

  const waiter = inngest.createFunction({ id: "waiter", triggers: [{ event: "test/wait" }] }, async ({ step }) => {
    const approval = await step.waitForEvent("approval", { event: "test/approved", match: "data.id", timeout: "10s" });
    const never = await step.waitForEvent("never", { event: "test/never", timeout: "1s" });
    return { approvedBy: approval?.data.by ?? null, never };
  });

  const child = inngest.createFunction({ id: "child", triggers: [{ event: "test/child" }] }, async ({ event, step }) => {
    return step.run("double", () => (event.data.n as number) * 2);
  });

  const invoker = inngest.createFunction({ id: "invoker", triggers: [{ event: "test/invoke" }] }, async ({ event, step }) => {
    const doubled = await step.invoke("call-child", { function: child, data: { n: event.data.n } });
    return { doubled };
  });

  const withFailureHandler = inngest.createFunction(
    {
      id: "with-failure-handler",
      retries: 0,
      triggers: [{ event: "test/on-failure" }],
      onFailure: async ({ event, error }) => {
        note(event.data.event.data.key, `onFailure: ${error.message}`);
      },
    },
    async () => {
      throw new Error("broken on purpose");
    },
  );

  const limited = inngest.createFunction(
    { id: "limited", concurrency: { limit: 1, key: "event.data.group" }, triggers: [{ event: "test/limited" }] },
    async ({ event, step }) => {
      await step.run("work", async () => {
        note(event.data.group, "start");
        await new Promise((resolve) => setTimeout(resolve, 150));
        note(event.data.group, "end");
      });
    },
  );

  const sender = inngest.createFunction({ id: "sender", triggers: [{ event: "test/send" }] }, async ({ event, step }) => {
    await step.sendEvent("fan-out", { name: "test/memo", data: { key: `${event.data.key}-sent` } });
    return "sent";
  });

  const ticker = inngest.createFunction({ id: "ticker", triggers: [{ cron: "*/5 * * * *" }] }, async ({ step }) => {
    await step.run("tick", () => note("cron", "tick"));
  });

  return {
    inngest,
    journal,
    count,
    functions: [memo, sleeper, flaky, doomed, functionRetry, nonRetriable, retryAfter, parallel, waiter, child, invoker, withFailureHandler, limited, sender, ticker],
  };
}

/** An app whose functions use options the executor does not implement. */
export function createUnsupportedApp() {
  const inngest = new Inngest({ id: "unsupported-test", logger: silent });
  return {
    inngest,
    functions: [
      inngest.createFunction(
        { id: "rate-limited", rateLimit: { limit: 1, period: "1m" }, triggers: [{ event: "x/rate" }] },
        async () => "never",
      ),
      inngest.createFunction(
        { id: "debounced", debounce: { period: "5s" }, triggers: [{ event: "x/debounce" }] },
        async () => "never",
      ),
    ],
  };
}
