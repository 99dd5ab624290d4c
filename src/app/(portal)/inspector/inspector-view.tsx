"use client";
import { useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Eraser, Inbox, Plus, Trash2 } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { PageHeader } from "@/components/ui/page-header";
import { errorMessage } from "@/components/portal/errors";
import { useCanChange } from "@/components/portal/portal-access";
import { LiveIndicator } from "@/components/portal/live-indicator";
import { CreateBinDialog } from "./create-bin-dialog";
import { RequestPanel } from "./request-panel";
import { VerifyWithPicker } from "./verify-with-picker";
import { useEndpointOptions } from "@/components/portal/use-endpoint-options";

export function InspectorView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const searchParams = useSearchParams();
  const canChange = useCanChange();
  const bins = useQuery(trpc.inspector.listBins.queryOptions(undefined, { refetchInterval: 5_000 }));
  const selectedId = searchParams.get("bin") ?? bins.data?.[0]?.id;
  const bin = bins.data?.find((b) => b.id === selectedId) ?? bins.data?.[0];
  const endpoints = useEndpointOptions();
  // "auto": each request is checked with the endpoint it was sent to
  const [verifyWith, setVerifyWith] = useState("auto");

  const selectBin = (id: string) => {
    setVerifyWith("auto");
    router.replace(`/inspector?bin=${id}`, { scroll: false });
  };
  const invalidateBins = () => queryClient.invalidateQueries({ queryKey: trpc.inspector.listBins.queryKey() });

  const deleteBin = useMutation(
    trpc.inspector.deleteBin.mutationOptions({
      onSuccess: async () => {
        toast.success("Bin deleted");
        router.replace("/inspector", { scroll: false });
        await invalidateBins();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const clear = useMutation(
    trpc.inspector.clearRequests.mutationOptions({
      onSuccess: async ({ deleted }) => {
        toast.success(`Cleared ${deleted} request${deleted === 1 ? "" : "s"}`);
        await Promise.all([invalidateBins(), queryClient.invalidateQueries({ queryKey: trpc.inspector.listRequests.pathKey() })]);
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  const header = (
    <PageHeader
      title="Inspector"
      description="A capture URL served by Hookline itself. Point an endpoint at it, send a test event, and watch each request arrive with its headers, body and signature check."
      actions={
        canChange && (
          <CreateBinDialog
            onCreated={(created) => selectBin(created.id)}
            trigger={
              <Button>
                <Plus className="h-4 w-4" aria-hidden /> New capture URL
              </Button>
            }
          />
        )
      }
    />
  );

  if (bins.isPending) return <>{header}<Card><LoadingRows /></Card></>;
  if (!bin) {
    return (
      <>
        {header}
        <Card>
          <EmptyState
            icon={Inbox}
            title="No capture URLs yet"
            description={canChange ? "Create one, point an endpoint at it, and every request Hookline sends shows up here live." : "This tenant has no capture URL to watch."}
            action={
              canChange && (
                <CreateBinDialog
                  onCreated={(created) => selectBin(created.id)}
                  trigger={
                    <Button>
                      <Plus className="h-4 w-4" aria-hidden /> Create a capture URL
                    </Button>
                  }
                />
              )
            }
          />
        </Card>
      </>
    );
  }

  return (
    <>
      {header}
      {bins.data && bins.data.length > 1 && (
        <div role="tablist" aria-label="Capture URLs" className="mb-3 flex flex-wrap gap-1.5">
          {bins.data.map((b) => (
            <button
              key={b.id}
              role="tab"
              aria-selected={b.id === bin.id}
              onClick={() => selectBin(b.id)}
              className={`rounded-full border px-3 py-1 text-xs font-medium ${
                b.id === bin.id
                  ? "border-indigo-600 bg-indigo-600 text-white"
                  : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
              }`}
            >
              {b.name} <span className="opacity-70">· {b.requestCount}</span>
            </button>
          ))}
        </div>
      )}
      <Card className="mb-4">
        <div className="flex flex-wrap items-center gap-x-6 gap-y-3 px-5 py-4">
          <div className="min-w-0 flex-1">
            <div className="flex items-center gap-2 text-sm font-semibold">
              {bin.name} <LiveIndicator />
            </div>
            <div className="mt-1.5 flex items-center gap-2">
              <code data-testid="capture-url" className="min-w-0 truncate rounded-md bg-slate-100 px-2 py-1 font-mono text-xs dark:bg-slate-800">
                {bin.captureUrl}
              </code>
              <CopyButton value={bin.captureUrl} label="Copy URL" toastMessage="Capture URL copied" />
            </div>
          </div>
          <VerifyWithPicker endpoints={(endpoints.data ?? []).filter((e) => e.url.includes(bin.token))} otherEndpoints={(endpoints.data ?? []).filter((e) => !e.url.includes(bin.token))} value={verifyWith} onChange={setVerifyWith} />
          {canChange && (
            <div className="flex items-center gap-2">
              <Button variant="secondary" size="sm" loading={clear.isPending} onClick={() => clear.mutate({ binId: bin.id })}>
                <Eraser className="h-3.5 w-3.5" aria-hidden /> Clear
              </Button>
              <ConfirmDialog
                title={`Delete “${bin.name}”?`}
                description="Its capture URL stops answering and every request it recorded is deleted. Endpoints pointing at it will start failing."
                confirmLabel="Delete bin"
                onConfirm={() => deleteBin.mutateAsync({ binId: bin.id })}
                trigger={
                  <Button variant="ghost" size="sm" aria-label="Delete bin">
                    <Trash2 className="h-3.5 w-3.5" aria-hidden /> Delete
                  </Button>
                }
              />
            </div>
          )}
        </div>
      </Card>
      <RequestPanel key={bin.id} bin={bin} verifyWith={verifyWith} />
    </>
  );
}
