"use client";
import { useMutation, useQuery, useQueryClient, type QueryKey, type UseMutationOptions, type UseQueryOptions } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { LoadingRows } from "@/components/ui/skeleton";
import type { ApiKeyDto } from "@/server/api-keys/schemas";
import { errorMessage } from "./errors";

/** How a page names its kind of key (a tenant's API keys, the install's platform keys) in the list and the create dialog. */
export type KeyWording = {
  /** "API key": toasts, titles and buttons say it, the list's messages its plural */
  noun: string;
  /** the noun with its article, for the create dialog's title: "an API key" */
  aNoun: string;
  /** the table's accessible name, the page's title: "API keys" */
  listLabel: string;
  /** data-testid of a key's row in the list: "api-key-row" */
  rowTestId: string;
  /** data-testid of the new key shown once: "new-api-key" */
  newKeyTestId: string;
  /** id of the create form's name field: "api-key-name" */
  nameFieldId: string;
  /** the empty list's description: what a key of this kind is for */
  emptyDescription: string;
  /** the revoke confirmation's description */
  revokeDescription: string;
  /** the create dialog's description */
  createDescription: string;
  namePlaceholder: string;
  /** follows "This is the only time “name” is shown." above the new key */
  storeNote: string;
  /** the REST path of the "Try it" curl shown with the new key */
  tryPath: string;
};

/** "API key" → "API key", "platform key" → "Platform key": a noun opening a sentence. */
export function capitalized(noun: string): string {
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}

/**
 * A kind of API key, its revoked ones last, each revocable. The caller passes its router's procedures:
 * `list`, the list query's options (refreshed after a revoke), and `revoke`, the revoke mutation's options.
 */
export function KeyList<TListError extends { message: string }, TListKey extends QueryKey, TRevoked, TRevokeError>({ wording, list, revoke }: {
  wording: KeyWording;
  list: UseQueryOptions<ApiKeyDto[], TListError, ApiKeyDto[], TListKey> & { queryKey: TListKey };
  revoke: UseMutationOptions<TRevoked, TRevokeError, { id: string }>;
}) {
  const queryClient = useQueryClient();
  const keys = useQuery(list);
  const revoking = useMutation({
    ...revoke,
    onSuccess: async () => {
      toast.success(`${capitalized(wording.noun)} revoked`, { description: "Requests with it are refused from now on." });
      await queryClient.invalidateQueries({ queryKey: list.queryKey });
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  if (keys.isPending) return <Card><LoadingRows /></Card>;
  if (keys.isError) return <Card><EmptyState icon={KeyRound} title={`Could not load ${wording.noun}s`} description={keys.error.message} /></Card>;
  if (keys.data.length === 0) {
    return (
      <Card>
        <EmptyState icon={KeyRound} title={`No ${wording.noun}s yet`} description={wording.emptyDescription} />
      </Card>
    );
  }
  const sorted = [...keys.data].sort((a, b) => Number(Boolean(a.revoked_at)) - Number(Boolean(b.revoked_at)));
  return (
    <Card className="overflow-hidden">
      <table className="w-full text-left text-sm" aria-label={wording.listLabel}>
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
            <tr key={key.id} data-testid={wording.rowTestId} className={key.revoked_at ? "opacity-60" : undefined}>
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
                    description={wording.revokeDescription}
                    confirmLabel="Revoke key"
                    onConfirm={() => revoking.mutateAsync({ id: key.id })}
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
