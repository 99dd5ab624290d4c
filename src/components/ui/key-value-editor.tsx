"use client";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "./button";
import { Input } from "./field";

export type KeyValueRow = { key: string; value: string };

export function rowsFromRecord(record: Record<string, string> | undefined | null): KeyValueRow[] {
  return Object.entries(record ?? {}).map(([key, value]) => ({ key, value: String(value) }));
}

/** Rows with an empty key are ignored, so a half-filled new row never blocks saving. */
export function recordFromRows(rows: readonly KeyValueRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((row) => row.key.trim() !== "").map((row) => [row.key.trim(), row.value]));
}

export function KeyValueEditor({ id, rows, onChange, keyPlaceholder = "Key", valuePlaceholder = "Value", addLabel = "Add", error }: {
  id: string;
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  addLabel?: string;
  error?: string;
}) {
  const update = (index: number, patch: Partial<KeyValueRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <div id={id} className="space-y-2">
      {rows.map((row, index) => (
        <div key={index} className="flex items-center gap-2">
          <Input
            aria-label={`${keyPlaceholder} ${index + 1}`}
            placeholder={keyPlaceholder}
            value={row.key}
            invalid={Boolean(error)}
            onChange={(e) => update(index, { key: e.target.value })}
            className="font-mono text-xs"
          />
          <Input
            aria-label={`${valuePlaceholder} ${index + 1}`}
            placeholder={valuePlaceholder}
            value={row.value}
            onChange={(e) => update(index, { value: e.target.value })}
            className="font-mono text-xs"
          />
          <Button variant="ghost" size="icon" aria-label={`Remove ${keyPlaceholder.toLowerCase()} ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            <Trash2 className="h-4 w-4" />
          </Button>
        </div>
      ))}
      <Button variant="secondary" size="sm" onClick={() => onChange([...rows, { key: "", value: "" }])}>
        <Plus className="h-3.5 w-3.5" aria-hidden /> {addLabel}
      </Button>
      {error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
