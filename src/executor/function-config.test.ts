import { describe, expect, it } from "vitest";
import { parseSyncResponse, UnsupportedConfigError } from "./function-config";

const fn = (extra: Record<string, unknown>) => ({
  id: "app-fn",
  name: "fn",
  triggers: [{ event: "a/b" }],
  steps: { step: { id: "step", name: "step", runtime: { type: "http", url: "http://x/api/inngest?fnId=app-fn&stepId=step" } } },
  ...extra,
});

function problems(extra: Record<string, unknown>): string {
  try {
    parseSyncResponse({ app_id: "app", functions: [fn(extra)] });
  } catch (error) {
    if (error instanceof UnsupportedConfigError) return error.message;
    throw error;
  }
  return "";
}

describe("sync validation", () => {
  it("reads retries, triggers and concurrency", () => {
    const app = parseSyncResponse({
      app_id: "app",
      functions: [
        fn({
          steps: { step: { id: "step", name: "step", runtime: { type: "http", url: "u" }, retries: { attempts: 0 } } },
          triggers: [{ event: "a/b", expression: "event.data.x == 1" }, { cron: "0 * * * *" }],
          concurrency: [{ limit: 2, key: "event.data.tenant" }, { limit: 0 }],
        }),
      ],
    });
    const parsed = app.functions.get("app-fn")!;
    expect(parsed.maxAttempts).toBe(1);
    expect(parsed.cronTriggers.map((c) => c.source)).toEqual(["0 * * * *"]);
    expect(parsed.concurrency).toHaveLength(1);
    expect(parseSyncResponse({ app_id: "app", functions: [fn({})] }).functions.get("app-fn")!.maxAttempts).toBe(4);
  });

  it("names the function and the feature it cannot honour", () => {
    expect(problems({ throttle: { limit: 1, period: "1s" } })).toContain('function "app-fn" uses throttling (throttle)');
    expect(problems({ cancel: [{ event: "a/c" }] })).toContain("cancellation events (cancelOn)");
    expect(problems({ somethingNew: true })).toContain('the option "somethingNew"');
    expect(problems({ triggers: [{ event: "a/b", expression: "size(event.data) > 1" }] })).toContain('a trigger expression on "a/b"');
    expect(problems({ triggers: [{ cron: "TZ=Asia/Tokyo 0 9 * * *" }] })).toContain("time zone Asia/Tokyo");
    expect(problems({ triggers: [{ cron: "0 9 * * *", jitter: "5m" }] })).toContain("cron jitter");
    expect(problems({ concurrency: [{ limit: 1, scope: "account" }] })).toContain('scope "account" but no key');
    expect(problems({ steps: { step: { id: "step", name: "step", runtime: { type: "ws", url: "" } } } })).toContain('the "ws" runtime');
  });
});
