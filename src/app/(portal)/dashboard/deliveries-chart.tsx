"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Point = { start: Date; succeeded: number; failed: number; other: number };

function tickLabel(date: Date, bucketSeconds: number) {
  return bucketSeconds < 86_400
    ? date.toLocaleString("en", bucketSeconds < 6 * 3600 ? { hour: "2-digit", minute: "2-digit" } : { month: "short", day: "numeric", hour: "2-digit" })
    : date.toLocaleDateString("en", { month: "short", day: "numeric" });
}

export function DeliveriesChart({ series, bucketSeconds }: { series: Point[]; bucketSeconds: number }) {
  const data = series.map((point) => ({ ...point, label: tickLabel(point.start, bucketSeconds), pending: point.other }));
  return (
    <div className="h-64 w-full" data-testid="deliveries-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="currentColor" className="text-slate-200 dark:text-slate-800" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#94a3b8" }} tickLine={false} axisLine={false} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#94a3b8" }} tickLine={false} axisLine={false} />
          <Tooltip
            cursor={{ fill: "rgba(99, 102, 241, 0.08)" }}
            contentStyle={{ borderRadius: 8, fontSize: 12, border: "1px solid #e2e8f0" }}
            labelFormatter={(_, payload) => {
              const start = payload?.[0]?.payload?.start as Date | undefined;
              return start ? start.toLocaleString("en", { dateStyle: "medium", timeStyle: "short" }) : "";
            }}
          />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="succeeded" name="Succeeded" stackId="d" fill="#10b981" />
          <Bar dataKey="failed" name="Failed" stackId="d" fill="#ef4444" />
          <Bar dataKey="pending" name="In progress" stackId="d" fill="#94a3b8" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
