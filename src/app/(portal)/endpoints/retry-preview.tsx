import { retrySchedule } from "@/lib/retry-schedule";

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${seconds % 60 ? ` ${seconds % 60}s` : ""}`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h${Math.floor((seconds % 3600) / 60) ? ` ${Math.floor((seconds % 3600) / 60)}m` : ""}`;
  return `${Math.floor(seconds / 86_400)}d${Math.floor((seconds % 86_400) / 3600) ? ` ${Math.floor((seconds % 86_400) / 3600)}h` : ""}`;
}

/** When each attempt happens if every one fails, as the delivery function schedules them. */
export function RetryPreview({ retryCount, retryInterval, backoff }: { retryCount: number; retryInterval: number; backoff: "fixed" | "exponential" }) {
  if (!Number.isInteger(retryCount) || !Number.isInteger(retryInterval) || retryCount < 0 || retryInterval < 1 || retryCount > 20) {
    return <p className="text-xs text-slate-400">Enter a retry count and interval to see the schedule.</p>;
  }
  const offsets = retrySchedule({ retryCount, retryIntervalSeconds: retryInterval, backoff });
  return (
    <div data-testid="retry-preview">
      <ol className="flex flex-wrap items-center gap-1.5 text-xs">
        <li className="rounded-md bg-indigo-50 px-2 py-1 font-medium text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300">#1 at once</li>
        {offsets.map((offset, i) => (
          <li key={i} className="rounded-md bg-slate-100 px-2 py-1 text-slate-700 dark:bg-slate-800 dark:text-slate-300">
            #{i + 2} +{formatDuration(offset)}
          </li>
        ))}
      </ol>
      <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
        {retryCount === 0
          ? "One attempt, no retries: a failure is final."
          : `${retryCount + 1} attempts in all; a delivery that keeps failing is marked failed ${formatDuration(offsets.at(-1) ?? 0)} after the first attempt.`}
      </p>
    </div>
  );
}
