import { describe, expect, it } from "vitest";
import { CronError, parseCron } from "./cron";

const at = (iso: string) => new Date(iso);

describe("parseCron", () => {
  it("finds the next tick strictly after a time", () => {
    expect(parseCron("*/5 * * * *").next(at("2026-03-01T10:02:30Z"))).toEqual(at("2026-03-01T10:05:00Z"));
    expect(parseCron("*/5 * * * *").next(at("2026-03-01T10:05:00Z"))).toEqual(at("2026-03-01T10:10:00Z"));
    expect(parseCron("0 9 * * MON-FRI").next(at("2026-03-06T09:00:00Z"))).toEqual(at("2026-03-09T09:00:00Z"));
    expect(parseCron("30 2 1 JAN *").next(at("2026-03-01T00:00:00Z"))).toEqual(at("2027-01-01T02:30:00Z"));
    expect(parseCron("@daily").next(at("2026-12-31T23:59:00Z"))).toEqual(at("2027-01-01T00:00:00Z"));
  });

  it("fires on either restricted day field, as classic cron does", () => {
    // the 13th or any Friday
    const schedule = parseCron("0 0 13 * 5");
    expect(schedule.next(at("2026-03-01T00:00:00Z"))).toEqual(at("2026-03-06T00:00:00Z"));
    expect(schedule.next(at("2026-03-12T00:00:00Z"))).toEqual(at("2026-03-13T00:00:00Z"));
  });

  it("accepts a UTC zone prefix and Sunday as 7", () => {
    expect(parseCron("TZ=UTC 0 12 * * 7").next(at("2026-03-01T13:00:00Z"))).toEqual(at("2026-03-08T12:00:00Z"));
  });

  it("refuses what it cannot schedule exactly", () => {
    expect(() => parseCron("TZ=Europe/Paris 0 12 * * *")).toThrow(CronError);
    expect(() => parseCron("0 0 12 * * *")).toThrow(/5 fields/);
    expect(() => parseCron("61 * * * *")).toThrow(/outside/);
    expect(() => parseCron("0 0 30 2 *").next(at("2026-01-01T00:00:00Z"))).toThrow(/never fires/);
  });
});
