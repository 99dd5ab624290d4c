import { describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit";

function recordingWrite() {
  const writes: number[][] = [];
  const pending: (() => void)[] = [];
  const write = async (items: number[]) => {
    writes.push(items);
    await new Promise<void>((resolve) => pending.push(resolve));
    return items.map((item) => item * 10);
  };
  // finishes the oldest write still running
  return { writes, write, release: () => pending.shift()?.() };
}

describe("groupCommit", () => {
  it("writes a lone call at once and groups the calls that arrive meanwhile into the next write", async () => {
    const { writes, write, release } = recordingWrite();
    const commit = groupCommit(write);
    const first = commit(1);
    const rest = [commit(2), commit(3), commit(4)];
    expect(writes).toEqual([[1]]);
    release();
    expect(await first).toBe(10);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([[1], [2, 3, 4]]);
    release();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it("keeps up to maxInFlight writes running and no more than maxBatch items in one", async () => {
    const { writes, write, release } = recordingWrite();
    const commit = groupCommit(write, { maxInFlight: 2, maxBatch: 2 });
    const calls = [1, 2, 3, 4, 5].map((item) => commit(item));
    expect(writes).toEqual([[1], [2]]);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([[1], [2], [3, 4]]);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([[1], [2], [3, 4], [5]]);
    release();
    release();
    expect(await Promise.all(calls)).toEqual([10, 20, 30, 40, 50]);
  });

  it("bounds a write by the items' total weight, a heavy item going alone", async () => {
    const { writes, write, release } = recordingWrite();
    const commit = groupCommit(write, { maxBatch: 5, weight: (item) => item });
    const calls = [1, 2, 3, 9, 1].map((item) => commit(item));
    expect(writes).toEqual([[1]]);
    for (const expected of [[2, 3], [9], [1]]) {
      release();
      await new Promise((resolve) => setImmediate(resolve));
      expect(writes.at(-1)).toEqual(expected);
    }
    release();
    expect(await Promise.all(calls)).toEqual([10, 20, 30, 90, 10]);
  });

  it("rejects every call of a failed write, and goes on with the next", async () => {
    let fail = true;
    const commit = groupCommit(async (items: string[]) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (fail) throw new Error("database gone");
      return items.map((item) => item.toUpperCase());
    });
    const failed = [commit("a"), commit("b")];
    await expect(failed[0]).rejects.toThrow("database gone");
    await expect(failed[1]).rejects.toThrow("database gone");
    fail = false;
    expect(await commit("c")).toBe("C");
  });

  it("spaces writes under load so each carries more, yet writes a call after a quiet spell at once", async () => {
    const writes: { items: number[]; at: number }[] = [];
    const started = performance.now();
    const commit = groupCommit(
      async (items: number[]) => {
        writes.push({ items, at: performance.now() - started });
        return items;
      },
      { spacingMs: 60 },
    );
    const first = commit(1);
    expect(writes.map((w) => w.items)).toEqual([[1]]);
    await first;
    // the previous write started moments ago: these wait for the spacing and go together
    const next = [commit(2), commit(3), commit(4)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
    expect(await Promise.all(next)).toEqual([2, 3, 4]);
    expect(writes.map((w) => w.items)).toEqual([[1], [2, 3, 4]]);
    expect(writes[1]!.at - writes[0]!.at).toBeGreaterThanOrEqual(55);
    // after a quiet spell longer than the spacing, a lone call goes at once
    await new Promise((resolve) => setTimeout(resolve, 80));
    const lone = commit(5);
    expect(writes.map((w) => w.items).at(-1)).toEqual([5]);
    await lone;
  });

  it("does not hold a write for the spacing once fullAt weight is waiting", async () => {
    const writes: number[][] = [];
    const commit = groupCommit(
      async (items: number[]) => {
        writes.push(items);
        return items;
      },
      { spacingMs: 60_000, fullAt: 3 },
    );
    await commit(1);
    const held = [commit(2), commit(3)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([[1]]);
    const full = commit(4);
    expect(writes).toEqual([[1], [2, 3, 4]]);
    expect(await Promise.all([...held, full])).toEqual([2, 3, 4]);
  });
});
