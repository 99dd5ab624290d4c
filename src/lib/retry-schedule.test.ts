import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelaySeconds, retrySchedule, retryWait } from "./retry-schedule";

describe("retry schedule", () => {
  it("waits the fixed interval between attempts", () => {
    expect(retrySchedule({ retryCount: 3, retryIntervalSeconds: 60, backoff: "fixed" })).toEqual([60, 120, 180]);
  });

  it("doubles the wait with exponential backoff, capped at a day", () => {
    expect(retrySchedule({ retryCount: 4, retryIntervalSeconds: 30, backoff: "exponential" })).toEqual([30, 90, 210, 450]);
    expect(retryDelaySeconds({ retryIntervalSeconds: 3600, backoff: "exponential" }, 10)).toBe(86_400);
  });

  it("schedules nothing when retries are off", () => {
    expect(retrySchedule({ retryCount: 0, retryIntervalSeconds: 60, backoff: "fixed" })).toEqual([]);
  });
});

describe("Retry-After", () => {
  const now = new Date("2026-12-01T12:00:00.000Z");
  const policy = { retryCount: 5, retryIntervalSeconds: 60, backoff: "fixed" } as const;
  const wait = (status: number | undefined, retryAfter: string | undefined, maxRetryAfterSeconds = 3600) =>
    retryWait({ policy, failedAttempt: 1, status, retryAfter, now, maxRetryAfterSeconds });

  it("reads delay-seconds and HTTP dates; a past date asks for nothing, nonsense is ignored", () => {
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Tue, 01 Dec 2026 12:02:30 GMT", now)).toBe(150);
    expect(parseRetryAfter("Tue, 01 Dec 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it("waits as long as a 429 or 503 asks when that is longer than the backoff, never shorter than the backoff", () => {
    expect(wait(429, "120")).toEqual({ seconds: 120, retryAfterSeconds: 120 });
    expect(wait(503, "Tue, 01 Dec 2026 12:04:00 GMT")).toEqual({ seconds: 240, retryAfterSeconds: 240 });
    expect(wait(429, "5")).toEqual({ seconds: 60, retryAfterSeconds: 5 });
  });

  it("ignores Retry-After on other statuses", () => {
    expect(wait(500, "120")).toEqual({ seconds: 60 });
    expect(wait(undefined, "120")).toEqual({ seconds: 60 });
  });

  it("caps the wait at the policy's whole schedule and at the install's maximum", () => {
    // five retries a minute apart span 300 s
    expect(wait(429, "86400")).toEqual({ seconds: 300, retryAfterSeconds: 300 });
    expect(wait(429, "86400", 200)).toEqual({ seconds: 200, retryAfterSeconds: 200 });
  });
});
