import { describe, expect, it } from "vitest";
import { parseRetryAfter, parseTimeString, resolveDeadline } from "./durations";

describe("time values of the protocol", () => {
  const now = new Date("2026-03-01T00:00:00.000Z");

  it("reads time strings", () => {
    expect(parseTimeString("2h30m10s")).toBe(9_010_000);
    expect(parseTimeString("1.5s")).toBe(1_500);
    expect(parseTimeString("300ms")).toBe(300);
    expect(parseTimeString("1w")).toBe(604_800_000);
    expect(parseTimeString("2026-03-01T00:00:00Z")).toBeUndefined();
  });

  it("resolves sleeps given as durations or dates", () => {
    expect(resolveDeadline("1m", now)).toEqual(new Date("2026-03-01T00:01:00.000Z"));
    expect(resolveDeadline("2026-04-01T00:00:00.000Z", now)).toEqual(new Date("2026-04-01T00:00:00.000Z"));
    expect(() => resolveDeadline("soon", now)).toThrow();
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(parseRetryAfter("2", now)).toBe(2_000);
    expect(parseRetryAfter("2026-03-01T00:00:05.000Z", now)).toBe(5_000);
    expect(parseRetryAfter("Sun, 01 Mar 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("whenever", now)).toBeUndefined();
  });
});
