"use client";
import { useState } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useQuery } from "@tanstack/react-query";
import { FlaskConical } from "lucide-react";
import { useTRPC } from "@/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField, Textarea } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { errorMessage } from "@/components/portal/errors";
import { payloadFilterSchema, type PayloadFilter } from "@/server/endpoints/payload-filter";
import { PAYLOAD_FILTER_PREVIEW_MESSAGES } from "@/server/endpoints/schemas";
import { filterFromText } from "./endpoint-form-model";

const EXAMPLE = JSON.stringify(
  { and: [{ path: "amount", gte: 100 }, { path: "currency", in: ["EUR", "USD"] }, { not: { path: "test", exists: true } }] },
  null,
  2,
);

/**
 * The endpoint form's payload filter: JSON in a textarea (checked by the form's resolver like every field), an
 * example to start from, and a preview of which of the tenant's latest messages the text as it stands matches.
 */
export function PayloadFilterEditor({ registration, text, error, setText }: {
  registration: UseFormRegisterReturn<"filter">;
  text: string;
  error?: string;
  setText: (text: string) => void;
}) {
  const trpc = useTRPC();
  const [tested, setTested] = useState<PayloadFilter | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const preview = useQuery(trpc.endpoints.previewFilter.queryOptions({ filter: tested! }, { enabled: tested !== null }));

  const test = () => {
    const parsed = filterFromText(text);
    if ("error" in parsed) return void setProblem(`The filter ${parsed.error}`);
    const checked = payloadFilterSchema.safeParse(parsed.filter);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      return void setProblem(`${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
    }
    setProblem(null);
    setTested(checked.data);
  };

  return (
    <Card>
      <CardHeader
        title="Payload filter"
        description="Deliver only messages whose payload matches, beyond their event type. Checked when a message is published: a message that does not match creates no delivery here."
      />
      <CardBody className="space-y-3">
        <FormField
          label="Filter (JSON)"
          htmlFor="filter"
          optional
          error={error}
          hint='Blank = every message. Conditions: {"path": "a.b", "eq" | "in" | "gt" | "gte" | "lt" | "lte" | "exists": …}, combined with {"and": […]}, {"or": […]}, {"not": …}.'
        >
          <Textarea id="filter" rows={text ? 8 : 3} spellCheck={false} placeholder={EXAMPLE.replace(/\s+/g, " ")} invalid={Boolean(error)} {...registration} />
        </FormField>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" onClick={test} disabled={!text.trim()} loading={preview.isFetching}>
            <FlaskConical className="h-4 w-4" aria-hidden /> Test against the last {PAYLOAD_FILTER_PREVIEW_MESSAGES} messages
          </Button>
          {!text.trim() && (
            <Button variant="ghost" size="sm" onClick={() => setText(EXAMPLE)}>
              Start from an example
            </Button>
          )}
        </div>
        {problem && <p role="alert" className="text-xs text-red-600 dark:text-red-400">{problem}</p>}
        {preview.error && <p role="alert" className="text-xs text-red-600 dark:text-red-400">{errorMessage(preview.error)}</p>}
        {preview.data && tested && (
          <div data-testid="filter-preview" className="rounded-md border border-slate-200 text-xs dark:border-slate-800">
            <p className="border-b border-slate-200 px-3 py-2 font-medium dark:border-slate-800">
              {preview.data.messages.length
                ? `${preview.data.matched} of the last ${preview.data.messages.length} messages match`
                : "No messages yet to test against"}
            </p>
            <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto dark:divide-slate-800">
              {preview.data.messages.map((message) => (
                <li key={message.id} className="flex items-center justify-between gap-3 px-3 py-1.5">
                  <span className="min-w-0 truncate">
                    <span className="font-mono">{message.event_type}</span> <RelativeTime date={message.created_at} className="text-slate-500" />
                  </span>
                  {message.matches ? <Badge tone="green">matches</Badge> : <Badge>no match</Badge>}
                </li>
              ))}
            </ul>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
