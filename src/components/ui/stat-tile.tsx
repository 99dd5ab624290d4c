import type { ReactNode } from "react";
import { Card } from "./card";
import { cn } from "./cn";
import { Skeleton } from "./skeleton";

/** One headline figure; `undefined` while it loads. */
export function StatTile({ label, value, hint, tone, testId }: {
  label: string;
  value: ReactNode | undefined;
  hint?: ReactNode;
  tone?: "bad";
  testId?: string;
}) {
  return (
    <Card className="px-4 py-3.5">
      <div className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</div>
      {value === undefined ? (
        <Skeleton className="mt-1.5 h-7 w-16" />
      ) : (
        <div data-testid={testId} className={cn("mt-1 text-2xl font-semibold tabular-nums", tone === "bad" && "text-red-600 dark:text-red-400")}>
          {value}
        </div>
      )}
      {hint && <div className="mt-0.5 truncate text-xs text-slate-400">{hint}</div>}
    </Card>
  );
}

/** A share as a percentage, "—" when there is nothing to divide. */
export function formatRate(rate: number | null): string {
  if (rate === null) return "—";
  return `${(rate * 100).toFixed(rate === 1 ? 0 : 1)}%`;
}
