"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DropdownMenu } from "radix-ui";
import { Inbox, Plus } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/portal/errors";

const itemClass = "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800";

/** Fills the URL with one of the tenant's inspector capture URLs, creating one when there is none. */
export function InspectorUrlButton({ onPick }: { onPick: (url: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const bins = useQuery(trpc.inspector.listBins.queryOptions());
  const create = useMutation(
    trpc.inspector.createBin.mutationOptions({
      onSuccess: async (bin) => {
        await queryClient.invalidateQueries({ queryKey: trpc.inspector.listBins.queryKey() });
        onPick(bin.captureUrl);
        toast.success("Capture URL created", { description: "Open the inspector to watch requests arrive." });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button variant="secondary" loading={create.isPending}>
          <Inbox className="h-4 w-4" aria-hidden /> Use the inspector
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-64 rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-800 dark:bg-slate-900">
          {bins.data?.map((bin) => (
            <DropdownMenu.Item key={bin.id} className={itemClass} onSelect={() => onPick(bin.captureUrl)}>
              <Inbox className="h-4 w-4 text-slate-400" aria-hidden />
              <span className="min-w-0">
                <span className="block font-medium">{bin.name}</span>
                <span className="block truncate font-mono text-xs text-slate-500">{bin.captureUrl}</span>
              </span>
            </DropdownMenu.Item>
          ))}
          {bins.data && bins.data.length > 0 && <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-800" />}
          <DropdownMenu.Item className={itemClass} onSelect={() => create.mutate({ name: "Inspector" })}>
            <Plus className="h-4 w-4 text-slate-400" aria-hidden /> New capture URL
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
