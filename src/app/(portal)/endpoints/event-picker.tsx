"use client";
import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useTRPC } from "@/trpc/client";
import { Input } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { isOperationalEventType, listOperationalEventTypes } from "@/server/catalog";
import { ALL_EVENTS } from "@/server/endpoints/schemas";

/**
 * Event subscriptions: every event (present and future) or a searchable, grouped checklist; and, apart,
 * Hookline's own operational events, which "every event" never includes.
 */
export function EventPicker({ value: selection, onChange: onSelectionChange, error }: { value: string[]; onChange: (value: string[]) => void; error?: string }) {
  const value = selection.filter((name) => !isOperationalEventType(name));
  const operational: string[] = selection.filter(isOperationalEventType);
  const onChange = (published: string[]) => onSelectionChange([...published, ...operational]);
  const toggleOperational = (name: string, on: boolean) =>
    onSelectionChange([...value, ...listOperationalEventTypes().map((e) => e.name).filter((n) => (n === name ? on : operational.includes(n)))]);
  const trpc = useTRPC();
  const catalog = useQuery(trpc.catalog.list.queryOptions(undefined, { staleTime: Infinity }));
  const [query, setQuery] = useState("");
  const all = value.includes(ALL_EVENTS);
  const names = useMemo(() => catalog.data?.map((e) => e.name) ?? [], [catalog.data]);
  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (catalog.data ?? []).filter((e) => !q || `${e.name} ${e.group} ${e.description}`.toLowerCase().includes(q));
  }, [catalog.data, query]);
  const groups = useMemo(() => {
    const byGroup = new Map<string, typeof visible>();
    for (const e of visible) byGroup.set(e.group, [...(byGroup.get(e.group) ?? []), e]);
    return [...byGroup.entries()];
  }, [visible]);
  const selected = new Set(all ? names : value);
  const toggle = (name: string, on: boolean) => {
    const next = new Set(all ? names : value);
    if (on) next.add(name);
    else next.delete(name);
    onChange(names.filter((n) => next.has(n)));
  };
  const visibleNames = visible.map((e) => e.name);
  const allVisibleSelected = visibleNames.length > 0 && visibleNames.every((n) => selected.has(n));

  return (
    <div id="enabled_events" className="space-y-3">
      <label className="flex items-center gap-3 rounded-lg border border-slate-200 px-3 py-2.5 text-sm dark:border-slate-800">
        <Switch checked={all} onCheckedChange={(on) => onChange(on ? [ALL_EVENTS] : names)} label="Receive every event type" />
        <span>
          <span className="font-medium">Every event type</span>
          <span className="block text-xs text-slate-500 dark:text-slate-400">Including event types added to the catalog later.</span>
        </span>
      </label>
      {!all && (
        <div className="rounded-lg border border-slate-200 dark:border-slate-800">
          <div className="flex items-center gap-2 border-b border-slate-200 p-2 dark:border-slate-800">
            <div className="relative flex-1">
              <Search className="pointer-events-none absolute top-2 left-2.5 h-4 w-4 text-slate-400" aria-hidden />
              <Input type="search" placeholder="Search events" aria-label="Search events" value={query} onChange={(e) => setQuery(e.target.value)} className="pl-8" />
            </div>
            <label className="flex shrink-0 items-center gap-1.5 px-1 text-xs font-medium">
              <input
                type="checkbox"
                className="h-4 w-4 accent-indigo-600"
                checked={allVisibleSelected}
                onChange={(e) => {
                  const next = new Set(value);
                  for (const n of visibleNames) {
                    if (e.target.checked) next.add(n);
                    else next.delete(n);
                  }
                  onChange(names.filter((n) => next.has(n)));
                }}
              />
              Select all{query ? " shown" : ""}
            </label>
          </div>
          <div className="max-h-72 overflow-y-auto p-2">
            {catalog.isPending && <Skeleton className="h-24 w-full" />}
            {catalog.data && visible.length === 0 && <p className="p-3 text-center text-xs text-slate-500">No event matches “{query}”.</p>}
            {groups.map(([group, items]) => (
              <fieldset key={group} className="mb-2">
                <legend className="px-1 py-1 text-xs font-semibold tracking-wide text-slate-400 uppercase">{group}</legend>
                {items.map((e) => (
                  <label key={e.name} className="flex cursor-pointer items-start gap-2 rounded px-1 py-1 hover:bg-slate-50 dark:hover:bg-slate-800/50">
                    <input type="checkbox" className="mt-0.5 h-4 w-4 accent-indigo-600" checked={selected.has(e.name)} onChange={(ev) => toggle(e.name, ev.target.checked)} aria-label={e.name} />
                    <span className="min-w-0">
                      <span className="font-mono text-xs">{e.name}</span>
                      <span className="block truncate text-xs text-slate-500 dark:text-slate-400">{e.description}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
          <div className="border-t border-slate-200 px-3 py-1.5 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
            {value.length} of {names.length} selected{value.length === 0 && " — this endpoint will receive nothing"}
          </div>
        </div>
      )}
      <fieldset className="rounded-lg border border-slate-200 p-2 dark:border-slate-800">
        <legend className="px-1 text-xs font-semibold tracking-wide text-slate-400 uppercase">Operational events from Hookline</legend>
        <p className="px-1 pb-1 text-xs text-slate-500 dark:text-slate-400">
          Hookline tells this endpoint when any of your endpoints is failing, disabled or recovered, or a delivery gave up. Only when chosen here.
        </p>
        {listOperationalEventTypes().map((e) => (
          <label key={e.name} className="flex cursor-pointer items-start gap-2 rounded px-1 py-1 hover:bg-slate-50 dark:hover:bg-slate-800/50">
            <input type="checkbox" className="mt-0.5 h-4 w-4 accent-indigo-600" checked={operational.includes(e.name)} onChange={(ev) => toggleOperational(e.name, ev.target.checked)} aria-label={e.name} />
            <span className="min-w-0">
              <span className="font-mono text-xs">{e.name}</span>
              <span className="block text-xs text-slate-500 dark:text-slate-400">{e.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
