"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { LoadingRows } from "@/components/ui/skeleton";
import { errorMessage } from "@/components/portal/errors";

export function PlatformKeyList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.operator.apiKeys.list.queryOptions());
  const revoke = useMutation(
    trpc.operator.apiKeys.revoke.mutationOptions({
      onSuccess: async () => {
        toast.success("Platform key revoked", { description: "Requests with it are refused from now on." });
        await queryClient.invalidateQueries({ queryKey: trpc.operator.apiKeys.list.queryKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  if (keys.isPending) return <Card><LoadingRows /></Card>;
  if (keys.isError) return <Card><EmptyState icon={KeyRound} title="Could not load platform keys" description={keys.error.message} /></Card>;
  if (keys.data.length === 0) {
    return (
      <Card>
        <EmptyState icon={KeyRound} title="No platform keys yet" description="Create one for your backend to create tenants, publish for them by external id and mint portal links." />
      </Card>
    );
  }
  const sorted = [...keys.data].sort((a, b) => Number(Boolean(a.revoked_at)) - Number(Boolean(b.revoked_at)));
  return (
    <Card className="overflow-hidden">
      <table className="w-full text-left text-sm" aria-label="Platform API keys">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
          <tr>
            <th className="px-4 py-2.5 font-medium">Name</th>
            <th className="px-4 py-2.5 font-medium">Key</th>
            <th className="px-4 py-2.5 font-medium">Scopes</th>
            <th className="px-4 py-2.5 font-medium">Created</th>
            <th className="px-4 py-2.5 font-medium">Last used</th>
            <th className="px-4 py-2.5"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {sorted.map((key) => (
            <tr key={key.id} data-testid="platform-key-row" className={key.revoked_at ? "opacity-60" : undefined}>
              <td className="px-4 py-3 font-medium">{key.name}</td>
              <td className="px-4 py-3 font-mono text-xs">{key.prefix}…</td>
              <td className="px-4 py-3">
                <span className="flex flex-wrap gap-1">
                  {key.scopes.map((scope) => <Badge key={scope} tone="gray" className="font-mono">{scope}</Badge>)}
                </span>
              </td>
              <td className="px-4 py-3 text-xs text-slate-500"><RelativeTime date={key.created_at} /></td>
              <td className="px-4 py-3 text-xs text-slate-500">{key.last_used_at ? <RelativeTime date={key.last_used_at} /> : "Never"}</td>
              <td className="px-4 py-3 text-right">
                {key.revoked_at ? (
                  <Badge tone="red">Revoked</Badge>
                ) : (
                  <ConfirmDialog
                    title={`Revoke “${key.name}”?`}
                    description="Every request using this key is refused from now on, for every tenant. This cannot be undone; create a new key to replace it."
                    confirmLabel="Revoke key"
                    onConfirm={() => revoke.mutateAsync({ id: key.id })}
                    trigger={<Button variant="secondary" size="sm">Revoke</Button>}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
