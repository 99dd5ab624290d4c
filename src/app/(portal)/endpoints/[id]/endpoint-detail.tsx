"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil, Trash2 } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { errorMessage } from "@/components/portal/errors";
import { useCanChange } from "@/components/portal/portal-access";
import type { EndpointDto } from "@/server/endpoints/schemas";
import { EndpointStatusBadge } from "../endpoint-status";
import { schemeDescriptions } from "../scheme-descriptions";
import { formatDuration } from "../retry-preview";
import { ORDERING_NOTE } from "../ordering-note";
import { VerifySnippet } from "../verify-snippet";
import { DeliveriesPanel } from "./deliveries-panel";
import { EndpointHealthBanner } from "./endpoint-health-banner";
import { SecretCard } from "./secret-card";
import { SendTestEventDialog } from "./send-test-event-dialog";

export function EndpointDetail({ initial }: { initial: EndpointDto }) {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const queryClient = useQueryClient();
  const canChange = useCanChange();
  const endpointQuery = useQuery(trpc.endpoints.get.queryOptions({ id: initial.id }, { initialData: initial, refetchInterval: 15_000 }));
  const endpoint = endpointQuery.data ?? initial;
  const remove = useMutation(
    trpc.endpoints.delete.mutationOptions({
      onSuccess: async () => {
        toast.success("Endpoint deleted");
        await queryClient.invalidateQueries({ queryKey: trpc.endpoints.pathKey() });
        router.push("/endpoints");
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <div>
      <PageHeader
        eyebrow={<Link href="/endpoints" className="hover:underline">Endpoints</Link>}
        title={<span className="font-mono text-xl break-all" data-testid="endpoint-url">{endpoint.url}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <EndpointStatusBadge endpoint={endpoint} />
            {endpoint.primary && <Badge tone="indigo">Primary webhook</Badge>}
            <span>{endpoint.description || "No description"}</span>
          </span>
        }
        actions={
          canChange && (
            <>
              <SendTestEventDialog endpoint={endpoint} />
              <Button variant="secondary" asChild>
                <Link href={`/endpoints/${endpoint.id}/edit`}>
                  <Pencil className="h-4 w-4" aria-hidden /> Edit
                </Link>
              </Button>
              <ConfirmDialog
                title="Delete this endpoint?"
                description={`${endpoint.url} stops receiving events at once and its pending deliveries are cancelled. Its delivery history is kept.`}
                confirmLabel="Delete endpoint"
                onConfirm={() => remove.mutateAsync({ id: endpoint.id })}
                trigger={
                  <Button variant="ghost" aria-label="Delete endpoint">
                    <Trash2 className="h-4 w-4" aria-hidden /> Delete
                  </Button>
                }
              />
            </>
          )
        }
      />
      <EndpointHealthBanner endpoint={endpoint} canChange={canChange} />
      <div className="grid gap-5 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-5">
          <DeliveriesPanel endpoint={endpoint} openDelivery={params.get("delivery") ?? undefined} />
          <Card>
            <CardHeader title="Verify the signature" description={`${schemeDescriptions[endpoint.signature_scheme].label}: ${schemeDescriptions[endpoint.signature_scheme].detail}`} />
            <CardBody>
              <VerifySnippet scheme={endpoint.signature_scheme} />
            </CardBody>
          </Card>
        </div>
        <div className="space-y-5">
          <SecretCard endpoint={endpoint} />
          <Configuration endpoint={endpoint} canChange={canChange} />
        </div>
      </div>
    </div>
  );
}

function Configuration({ endpoint, canChange }: { endpoint: EndpointDto; canChange: boolean }) {
  const rows: [string, React.ReactNode][] = [
    ["Events", endpoint.enabled_events.includes("*") ? "All events" : endpoint.enabled_events.length ? endpoint.enabled_events.join(", ") : "None"],
    ["Signing", `${schemeDescriptions[endpoint.signature_scheme].label} (${endpoint.signature_scheme})`],
    ["Receiver auth", endpoint.auth_type === "None" ? "None" : `${endpoint.auth_type}${endpoint.auth_settings.headerName ? ` · ${endpoint.auth_settings.headerName}` : ""}${endpoint.auth_settings.username ? ` · ${endpoint.auth_settings.username}` : ""}`],
    ["Retries", `${endpoint.retry_count} × every ${formatDuration(endpoint.retry_interval)}${endpoint.backoff === "exponential" ? ", doubling" : ""}`],
    ["Timeout", `${endpoint.timeout_ms} ms`],
    ["Rate limit", endpoint.rate_limit_per_second ? `${endpoint.rate_limit_per_second}/s` : "Unlimited"],
    ["Payload filter", endpoint.filter ? <code className="block font-mono whitespace-pre-wrap" data-testid="endpoint-filter">{JSON.stringify(endpoint.filter)}</code> : "None: every message of its events"],
    ["Ordering", ORDERING_NOTE],
    ["Custom headers", Object.keys(endpoint.custom_headers).length ? Object.keys(endpoint.custom_headers).join(", ") : "None"],
    ["Metadata", Object.keys(endpoint.metadata).length ? Object.entries(endpoint.metadata).map(([k, v]) => `${k}=${v}`).join(", ") : "None"],
  ];
  if (endpoint.base_url) rows.unshift(["Base URL + path", `${endpoint.base_url} + ${endpoint.relative_path ?? ""}`]);
  return (
    <Card>
      <CardHeader
        title="Configuration"
        actions={canChange && <Link href={`/endpoints/${endpoint.id}/edit`} className="text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400">Edit</Link>}
      />
      <dl className="divide-y divide-slate-100 text-xs dark:divide-slate-800">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-[7rem_minmax(0,1fr)] gap-2 px-5 py-2">
            <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
