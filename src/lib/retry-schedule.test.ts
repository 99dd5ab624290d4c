import { describe, expect, it } from "vitest";
import { retryDelaySeconds, retrySchedule } from "./retry-schedule";

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
