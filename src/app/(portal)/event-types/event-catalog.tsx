"use client";
import { useMemo, useState } from "react";
import { Tabs } from "radix-ui";
import { Search } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import type { EventTypeDto } from "@/server/catalog/dto";

const wireFormatLabels: Record<EventTypeDto["wireFormat"], string> = {
  flat: "Flat body {Type, …}",
  profile: "Profile + details",
  envelope: "Envelope {created_at, api_version, group_type, event_type, data}",
  reference: "Reference {eventTypeId, eventId, links}",
};

export function EventCatalog({ eventTypes }: { eventTypes: EventTypeDto[] }) {
  const [query, setQuery] = useState("");
  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? eventTypes.filter((e) => `${e.name} ${e.group} ${e.description}`.toLowerCase().includes(q)) : eventTypes;
  }, [eventTypes, query]);
  const groups = useMemo(() => {
    const byGroup = new Map<string, EventTypeDto[]>();
    for (const eventType of filtered) byGroup.set(eventType.group, [...(byGroup.get(eventType.group) ?? []), eventType]);
    return [...byGroup.entries()];
  }, [filtered]);

  return (
    <div className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
      <aside className="lg:sticky lg:top-6 lg:self-start">
        <div className="relative mb-3">
          <Search className="pointer-events-none absolute top-2 left-2.5 h-4 w-4 text-slate-400" aria-hidden />
          <Input type="search" placeholder="Search events" aria-label="Search events" value={query} onChange={(e) => setQuery(e.target.value)} className="pl-8" />
        </div>
        <nav aria-label="Event types" className="max-h-[70vh] space-y-3 overflow-y-auto text-sm">
          {groups.map(([group, items]) => (
            <div key={group}>
              <div className="px-2 text-xs font-semibold tracking-wide text-slate-400 uppercase">{group}</div>
              <ul className="mt-1">
                {items.map((eventType) => (
                  <li key={eventType.name}>
                    <a href={`#${eventType.name}`} className="block truncate rounded px-2 py-1 font-mono text-xs text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
                      {eventType.name}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
      </aside>
      <div className="min-w-0 space-y-4">
        {filtered.length === 0 && (
          <Card>
            <EmptyState icon={Search} title="No matching events" description={`Nothing in the catalog matches “${query}”.`} />
          </Card>
        )}
        {filtered.map((eventType) => (
          <EventTypeCard key={eventType.name} eventType={eventType} />
        ))}
      </div>
    </div>
  );
}

function EventTypeCard({ eventType }: { eventType: EventTypeDto }) {
  const tabClass =
    "border-b-2 border-transparent px-1 pb-2 text-xs font-medium text-slate-500 hover:text-slate-800 data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700 dark:hover:text-slate-200 dark:data-[state=active]:text-indigo-300";
  return (
    <Card className="scroll-mt-6">
      <article id={eventType.name} data-testid="event-type" className="px-5 py-4">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="font-mono text-sm font-semibold">{eventType.name}</h2>
          <Badge tone="gray">{eventType.group}</Badge>
          <Badge tone="indigo" title="The shape of the body your endpoint receives">{wireFormatLabels[eventType.wireFormat]}</Badge>
        </div>
        <p className="mt-1.5 text-sm text-slate-600 dark:text-slate-300">{eventType.description}</p>
        <Tabs.Root defaultValue="wire" className="mt-4">
          <Tabs.List aria-label={`${eventType.name} details`} className="mb-3 flex gap-4 border-b border-slate-200 dark:border-slate-800">
            <Tabs.Trigger value="wire" className={tabClass}>Body received</Tabs.Trigger>
            <Tabs.Trigger value="example" className={tabClass}>Payload published</Tabs.Trigger>
            <Tabs.Trigger value="schema" className={tabClass}>JSON Schema</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="wire">
            <CodeBlock code={JSON.stringify(eventType.wireExample, null, 2)} language="json" label={`${eventType.name} body received`} maxHeight="max-h-72" />
          </Tabs.Content>
          <Tabs.Content value="example">
            <CodeBlock code={JSON.stringify(eventType.example, null, 2)} language="json" label={`${eventType.name} example payload`} maxHeight="max-h-72" />
          </Tabs.Content>
          <Tabs.Content value="schema">
            <CodeBlock code={JSON.stringify(eventType.schema, null, 2)} language="json" label={`${eventType.name} JSON Schema`} maxHeight="max-h-72" />
          </Tabs.Content>
        </Tabs.Root>
      </article>
    </Card>
  );
}
