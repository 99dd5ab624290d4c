"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Radio, ShieldAlert, ShieldCheck, ShieldQuestion } from "lucide-react";
import { useTRPC } from "@/trpc/client";
import { Card } from "@/components/ui/card";
import { CodeBlock, formatBody, HeaderTable } from "@/components/ui/code-block";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime, formatDateTime } from "@/components/ui/relative-time";
import { LoadingRows } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";
import { MethodBadge } from "@/components/portal/status-badge";
import type { InspectorBinDto, InspectorRequestDto } from "@/server/inspector/schemas";

export function RequestPanel({ bin, verifyWith }: { bin: InspectorBinDto; verifyWith: string }) {
  const trpc = useTRPC();
  const requests = useQuery(
    trpc.inspector.listRequests.queryOptions(
      { binId: bin.id, verifyWith },
      { refetchInterval: 1_500, refetchIntervalInBackground: false, placeholderData: (previous) => previous },
    ),
  );
  const [selectedId, setSelectedId] = useState<string>();
  const list = useMemo(() => requests.data ?? [], [requests.data]);
  const selected = list.find((r) => r.id === selectedId) ?? list[0];
  const listRef = useRef<HTMLDivElement>(null);

  // j/k and the arrow keys walk the list, as in a mail client
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable]")) return;
      const step = event.key === "j" || event.key === "ArrowDown" ? 1 : event.key === "k" || event.key === "ArrowUp" ? -1 : 0;
      if (!step || list.length === 0) return;
      event.preventDefault();
      const index = Math.max(0, list.findIndex((r) => r.id === selected?.id));
      const next = list[Math.min(list.length - 1, Math.max(0, index + step))];
      if (next) {
        setSelectedId(next.id);
        listRef.current?.querySelector<HTMLElement>(`[data-id="${next.id}"]`)?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [list, selected?.id]);

  if (requests.isPending) return <Card><LoadingRows /></Card>;
  if (requests.isError) {
    return (
      <Card>
        <EmptyState icon={ShieldAlert} title="Could not load requests" description={requests.error.message} />
      </Card>
    );
  }
  if (list.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={Radio}
          title="Waiting for the first request…"
          description={
            <>
              Send anything to the capture URL — for instance{" "}
              <code className="rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">curl -X POST {bin.captureUrl} -d &apos;{"{}"}&apos;</code>{" "}
              — or send a test event from an endpoint pointing here. Requests appear within a second or two.
            </>
          }
        />
      </Card>
    );
  }
  return (
    <div className="grid gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <Card className="overflow-hidden">
        <div className="border-b border-slate-200 px-4 py-2.5 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
          {list.length} request{list.length === 1 ? "" : "s"} · <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> to move
        </div>
        <div ref={listRef} role="listbox" aria-label="Captured requests" className="max-h-[36rem] divide-y divide-slate-100 overflow-y-auto dark:divide-slate-800">
          {list.map((request) => (
            <button
              key={request.id}
              data-id={request.id}
              data-testid="inspector-request"
              role="option"
              aria-selected={request.id === selected?.id}
              onClick={() => setSelectedId(request.id)}
              className={cn(
                "flex w-full flex-col gap-1 px-4 py-2.5 text-left outline-none hover:bg-slate-50 focus-visible:bg-indigo-50 dark:hover:bg-slate-800/60 dark:focus-visible:bg-indigo-500/10",
                request.id === selected?.id && "bg-indigo-50/70 dark:bg-indigo-500/10",
              )}
            >
              <div className="flex items-center justify-between gap-2">
                <MethodBadge method={request.method} />
                <SignatureIcon request={request} />
              </div>
              <div className="truncate font-mono text-xs text-slate-600 dark:text-slate-300">{eventLabel(request)}</div>
              <RelativeTime date={request.receivedAt} className="text-xs text-slate-400" />
            </button>
          ))}
        </div>
      </Card>
      {selected && <RequestDetail request={selected} verifyWith={verifyWith} />}
    </div>
  );
}

/** The event name a webhook body carries, whichever seed's shape it has; the path otherwise. */
function eventLabel(request: InspectorRequestDto): string {
  try {
    const body = JSON.parse(request.body) as Record<string, unknown>;
    const name = body.event_type ?? body.Type ?? body.eventTypeId ?? body.type;
    if (typeof name === "string") return name;
  } catch {
    // not JSON: fall through to the path
  }
  return request.path;
}

function SignatureIcon({ request }: { request: InspectorRequestDto }) {
  if (!request.signature) return <ShieldQuestion className="h-4 w-4 text-slate-300 dark:text-slate-600" aria-label="Signature not checked" />;
  return request.signature.verified ? (
    <ShieldCheck className="h-4 w-4 text-emerald-600" aria-label="Signature verified" />
  ) : (
    <ShieldAlert className="h-4 w-4 text-red-600" aria-label="Signature not verified" />
  );
}

function SignatureVerdict({ request, verifyWith }: { request: InspectorRequestDto; verifyWith: string }) {
  const check = request.signature;
  if (!check) {
    return (
      <div className="flex items-start gap-2 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-600 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-400">
        <ShieldQuestion className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
        {verifyWith === "none"
          ? "Signatures are not checked. Pick an endpoint under “Verify signatures with” to check them with its scheme and secrets."
          : "Not checked: no endpoint of yours points at this request’s URL. Pick one under “Verify signatures with” to check it with that endpoint’s scheme and secrets."}
      </div>
    );
  }
  return (
    <div
      data-testid="signature-verdict"
      className={cn(
        "flex items-start gap-2 rounded-lg border px-3 py-2 text-sm",
        check.verified
          ? "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-500/30 dark:bg-emerald-500/10 dark:text-emerald-300"
          : "border-red-200 bg-red-50 text-red-800 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-300",
      )}
    >
      {check.verified ? <ShieldCheck className="mt-0.5 h-4 w-4 shrink-0" aria-hidden /> : <ShieldAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />}
      <div>
        <span className="font-semibold">{check.verified ? "Signature verified" : "Signature not verified"}</span>
        <span className="opacity-80">
          {" "}
          — {check.reason} <span className="font-mono text-xs">({check.scheme})</span>
          <span className="block truncate text-xs opacity-70">Checked with the secrets of {check.endpointUrl}</span>
        </span>
      </div>
    </div>
  );
}

function RequestDetail({ request, verifyWith }: { request: InspectorRequestDto; verifyWith: string }) {
  const contentType = request.headers["content-type"] ?? "";
  const body = formatBody(request.body);
  return (
    <Card className="min-w-0">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-5 py-3 dark:border-slate-800">
        <MethodBadge method={request.method} />
        <code className="min-w-0 flex-1 truncate font-mono text-xs">{request.path}</code>
        <span className="text-xs text-slate-500 dark:text-slate-400">{formatDateTime(request.receivedAt)}</span>
      </div>
      <div className="space-y-5 px-5 py-4">
        <SignatureVerdict request={request} verifyWith={verifyWith} />
        <section>
          <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Headers</h3>
          <HeaderTable headers={request.headers} label="Request headers" />
        </section>
        <section>
          <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Body <span className="font-normal normal-case">· {new TextEncoder().encode(request.body).length} bytes</span>
          </h3>
          <CodeBlock code={body} language={contentType.includes("json") || body !== request.body ? "json" : undefined} label="Request body" maxHeight="max-h-[28rem]" />
        </section>
      </div>
    </Card>
  );
}
