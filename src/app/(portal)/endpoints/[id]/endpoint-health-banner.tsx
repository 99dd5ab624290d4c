"use client";
import { useState } from "react";
import { AlertTriangle, CheckCircle2, PauseCircle } from "lucide-react";
import { formatDateTime } from "@/components/ui/relative-time";
import type { EndpointDto } from "@/server/endpoints/schemas";

/** A recovery stays worth mentioning for a day; after that the endpoint is simply healthy. */
const RECOVERED_SHOWN_FOR_MS = 24 * 60 * 60 * 1000;

const tones = {
  red: "border-red-200 bg-red-50 text-red-800 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-300",
  amber: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200",
  gray: "border-slate-200 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-800/50 dark:text-slate-300",
  green: "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-500/30 dark:bg-emerald-500/10 dark:text-emerald-300",
} as const;

function Banner({ tone, icon: Icon, title, children }: { tone: keyof typeof tones; icon: typeof AlertTriangle; title: string; children?: React.ReactNode }) {
  return (
    <div role={tone === "green" ? "status" : "alert"} className={`mb-5 flex items-start gap-2 rounded-lg border px-4 py-3 text-sm ${tones[tone]}`}>
      <Icon className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
      <div>
        <span className="font-semibold">{title}</span> {children}
      </div>
    </div>
  );
}

/**
 * What the operational webhooks report about this endpoint, read from the same endpoint row they are
 * sent from: disabled (and why), failing since when, or recovered.
 */
export function EndpointHealthBanner({ endpoint, canChange }: { endpoint: EndpointDto; canChange: boolean }) {
  const [shownAt] = useState(() => Date.now());
  if (endpoint.disabled_at) {
    return (
      <Banner tone="red" icon={AlertTriangle} title="Hookline disabled this endpoint.">
        {endpoint.disabled_reason}
        {canChange && <span className="block text-xs opacity-80">Fix the receiver, then turn the endpoint back on under Edit → Active.</span>}
      </Banner>
    );
  }
  if (!endpoint.is_active) {
    return (
      <Banner tone="gray" icon={PauseCircle} title="This endpoint is switched off.">
        It receives nothing until it is turned back on under Edit → Active.
      </Banner>
    );
  }
  if (endpoint.failing_alerted_at && endpoint.failing_since) {
    return (
      <Banner tone="amber" icon={AlertTriangle} title={`Failing since ${formatDateTime(endpoint.failing_since)}.`}>
        {endpoint.consecutive_failures} attempts in a row failed; deliveries keep retrying on the endpoint&apos;s policy. The
        next success ends this.
      </Banner>
    );
  }
  if (endpoint.recovered_at && !endpoint.failing_since && shownAt - endpoint.recovered_at.getTime() < RECOVERED_SHOWN_FOR_MS) {
    return (
      <Banner tone="green" icon={CheckCircle2} title={`Recovered ${formatDateTime(endpoint.recovered_at)}.`}>
        The endpoint accepted a delivery again after failing.
      </Banner>
    );
  }
  return null;
}
