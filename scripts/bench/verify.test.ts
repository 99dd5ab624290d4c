import { describe, expect, it } from "vitest";
import { verifyDeliveries, type MessageRecord } from "./verify";

const delivered = (endpointPath: string, attempts = 1) => ({ endpointPath, status: "succeeded", attempts });

function run(messages: MessageRecord[], received: [string, number][], published = messages.map((m) => m.id)) {
  return verifyDeliveries({ published, publishFailures: {}, messages, received: new Map(received) });
}

describe("the bench's delivery verdict", () => {
  it("is exactly once when every delivery arrived once", () => {
    const v = run([{ id: "m1", deliveries: [delivered("/a"), delivered("/b")] }], [["m1 /a", 1], ["m1 /b", 1]]);
    expect(v).toMatchObject({ ok: true, verdict: "exactly once", deliveries: 2, deliveredExactlyOnce: 2, duplicateRequests: 0 });
  });

  it("says at least once, with the count, when a receiver got a delivery twice, even recorded as two attempts", () => {
    const v = run([{ id: "m1", deliveries: [delivered("/a", 2), delivered("/b")] }], [["m1 /a", 2], ["m1 /b", 1]]);
    expect(v).toMatchObject({ ok: true, verdict: "at least once, 1 duplicates", deliveredExactlyOnce: 1, duplicateRequests: 1 });
  });

  it("fails a duplicate that no attempt records", () => {
    const v = run([{ id: "m1", deliveries: [delivered("/a", 1)] }], [["m1 /a", 3]]);
    expect(v.ok).toBe(false);
    expect(v.verdict).toBe("FAILED: duplicates not recorded as attempts");
    expect(v.duplicateRequests).toBe(2);
  });

  it("fails acknowledged messages missing from the database, deliveries never received or unsettled, and requests nobody asked for", () => {
    const v = run(
      [{ id: "m1", deliveries: [delivered("/a"), { endpointPath: "/b", status: "failed", attempts: 1 }] }],
      [["m1 /b", 1], ["m9 /a", 1]],
      ["m1", "m2"],
    );
    expect(v).toMatchObject({ ok: false, lostMessages: 1, notDelivered: 1, unexpectedRequests: 1, statuses: { succeeded: 1, failed: 1 } });
    expect(v.verdict).toBe("FAILED: 1 acknowledged messages lost, 1 deliveries never received, 1 deliveries not succeeded, 1 unexpected requests");
  });

  it("counts messages committed whose publish was never acknowledged, without failing them", () => {
    const v = run([{ id: "m1", deliveries: [delivered("/a")] }], [["m1 /a", 1]], []);
    expect(v).toMatchObject({ ok: true, committedWithoutAcknowledgement: 1, publishedAccepted: 0 });
  });
});
