"use client";
import { cn } from "@/components/ui/cn";
import { dashboardRanges, type DashboardRange } from "@/server/dashboard/schemas";

/** The time range of a deliveries chart: 24h, 7d or 30d. */
export function RangePicker({ value, onChange }: { value: DashboardRange; onChange: (range: DashboardRange) => void }) {
  return (
    <div role="radiogroup" aria-label="Time range" className="inline-flex rounded-md border border-slate-200 p-0.5 dark:border-slate-700">
      {(Object.keys(dashboardRanges) as DashboardRange[]).map((key) => (
        <button
          key={key}
          type="button"
          role="radio"
          aria-checked={value === key}
          onClick={() => onChange(key)}
          className={cn(
            "rounded px-2.5 py-1 text-xs font-medium",
            value === key ? "bg-indigo-600 text-white" : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
          )}
        >
          {key}
        </button>
      ))}
    </div>
  );
}
