import { vi } from "vitest";

export type LogLine = Record<string, unknown> & { level: number; msg: string };

function parseLine(text: string): Partial<LogLine> | undefined {
  try {
    return JSON.parse(text) as Partial<LogLine>;
  } catch {
    return undefined;
  }
}

/**
 * Captures Hookline's log lines (JSON on stdout, as in production) from now until `restore()`, and keeps
 * them off the test output. Other output passes through.
 */
export function captureLogs() {
  const lines: LogLine[] = [];
  const write = process.stdout.write.bind(process.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const spy = vi.spyOn(process.stdout, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    const parsed = parseLine(String(chunk));
    if (parsed?.service !== "hookline") return write(chunk, ...rest);
    lines.push(parsed as LogLine);
    return true;
  }) as typeof process.stdout.write);
  return { lines, restore: () => spy.mockRestore() };
}
