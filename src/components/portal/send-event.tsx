"use client";
import type { ReactNode } from "react";
import { RotateCcw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormField, Select } from "@/components/ui/field";
import type { EventTypeDto } from "@/server/catalog/dto";

type EventTypeOption = Pick<EventTypeDto, "name" | "description">;

/** The catalog event to send, picked from a list; the chosen one's description below it. */
export function EventTypeField({ id, eventTypes, selected, onSelect, disabled, note }: {
  id: string;
  eventTypes: EventTypeOption[];
  selected: EventTypeOption | undefined;
  onSelect: (name: string) => void;
  disabled?: boolean;
  /** said after an option's name, e.g. " (not subscribed)" */
  note?: (name: string) => string;
}) {
  return (
    <FormField label="Event type" htmlFor={id} hint={selected?.description}>
      <Select id={id} value={selected?.name ?? ""} onChange={(e) => onSelect(e.target.value)} disabled={disabled}>
        {eventTypes.map((e) => (
          <option key={e.name} value={e.name}>
            {e.name}
            {note?.(e.name)}
          </option>
        ))}
      </Select>
    </FormField>
  );
}

/** What became of an event just sent (`children`, framed), with Send another and Done. */
export function SentEventResult({ testId, header, children, onSendAnother, onDone }: {
  testId: string;
  /** above the frame, e.g. where the event went */
  header?: ReactNode;
  children: ReactNode;
  onSendAnother: () => void;
  onDone: () => void;
}) {
  return (
    <div className="space-y-3" data-testid={testId}>
      {header}
      <div className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800">{children}</div>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onSendAnother}>
          <RotateCcw className="h-3.5 w-3.5" aria-hidden /> Send another
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
