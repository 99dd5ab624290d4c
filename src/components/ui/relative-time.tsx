"use client";
import { useEffect, useState } from "react";

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];
const formatter = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });

export function formatRelative(date: Date, now = Date.now()): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (Math.abs(seconds) < 5) return "just now";
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === "second") return formatter.format(Math.round(seconds / size), unit);
  }
  return "";
}

export function formatDateTime(date: Date): string {
  return date.toLocaleString("en", { dateStyle: "medium", timeStyle: "medium" });
}

/** "3 min ago", refreshed every 15 s, with the exact time on hover. */
export function RelativeTime({ date, className }: { date: Date | string | null | undefined; className?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  if (!date) return <span className={className}>—</span>;
  const value = typeof date === "string" ? new Date(date) : date;
  return (
    <time dateTime={value.toISOString()} title={formatDateTime(value)} className={className} suppressHydrationWarning>
      {formatRelative(value, now)}
    </time>
  );
}
