"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Users } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { useCan, useRole } from "@/components/portal/portal-access";
import { errorMessage } from "@/components/portal/errors";
import { useOpenActiveTenant } from "@/components/portal/tenant-switcher";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { LoadingRows } from "@/components/ui/skeleton";
import { tenantRoles, type TenantRole } from "@/server/access/permissions";
import type { MemberDto } from "@/server/members/schemas";

/**
 * The tenant's members with role and last sign-in. Admins change roles and remove members below owner;
 * owners also owners, and hand the tenant over. Everyone may leave (the server keeps the last owner).
 */
export function MemberList({ currentUserId }: { currentUserId: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.members.list.queryOptions());
  const openActiveTenant = useOpenActiveTenant();
  const isOwner = useRole() === "owner";
  const managesMembers = useCan("members:manage");
  const refreshed = {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() }),
    onError: (error: { message: string }) => toast.error(errorMessage(error)),
  };
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions(refreshed));
  const remove = useMutation(trpc.members.remove.mutationOptions(refreshed));
  // the caller's own role changes too: reload so every page shows what an admin may do
  const transfer = useMutation(trpc.members.transferOwnership.mutationOptions({ onSuccess: () => window.location.reload(), onError: refreshed.onError }));
  // after leaving, the portal opens whichever tenant the person still belongs to (or says there is none)
  const leave = useMutation(trpc.members.leave.mutationOptions({ onSuccess: openActiveTenant, onError: refreshed.onError }));

  if (members.isPending) return <Card><LoadingRows /></Card>;
  if (members.isError) return <Card><EmptyState icon={Users} title="Could not load members" description={members.error.message} /></Card>;

  /** an owner's membership is an owner's to change */
  const mayManage = (member: MemberDto) => managesMembers && (member.role !== "owner" || isOwner);
  const assignable: readonly TenantRole[] = isOwner ? tenantRoles : tenantRoles.filter((role) => role !== "owner");

  return (
    <Card className="overflow-hidden">
      <table className="w-full text-left text-sm" aria-label="Members">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
          <tr>
            <th className="px-4 py-2.5 font-medium">Member</th>
            <th className="px-4 py-2.5 font-medium">Role</th>
            <th className="px-4 py-2.5 font-medium">Last sign-in</th>
            <th className="px-4 py-2.5 font-medium">Joined</th>
            <th className="px-4 py-2.5"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {members.data.map((member) => {
            const isSelf = member.user_id === currentUserId;
            return (
              <tr key={member.user_id} data-testid="member-row">
                <td className="px-4 py-3">
                  <div className="font-medium">{member.name ?? member.email} {isSelf && <Badge tone="indigo">you</Badge>}</div>
                  <div className="text-xs text-slate-500 dark:text-slate-400">{member.email}</div>
                </td>
                <td className="px-4 py-3">
                  {mayManage(member) && !isSelf ? (
                    <Select
                      aria-label={`Role of ${member.email}`}
                      className="w-32"
                      value={member.role}
                      disabled={changeRole.isPending}
                      onChange={(e) => changeRole.mutate({ user_id: member.user_id, role: e.target.value as TenantRole })}
                    >
                      {assignable.map((role) => <option key={role} value={role}>{role}</option>)}
                    </Select>
                  ) : (
                    <Badge tone={member.role === "owner" ? "indigo" : "gray"}>{member.role}</Badge>
                  )}
                </td>
                <td className="px-4 py-3 text-xs text-slate-500">{member.last_sign_in_at ? <RelativeTime date={member.last_sign_in_at} /> : "Never"}</td>
                <td className="px-4 py-3 text-xs text-slate-500"><RelativeTime date={member.joined_at} /></td>
                <td className="px-4 py-3">
                  <div className="flex justify-end gap-2">
                    {isOwner && !isSelf && member.role !== "owner" && (
                      <ConfirmDialog
                        title={`Hand ${member.email} the tenant?`}
                        description="They become an owner, and you an admin: you keep API keys and members, but no longer delete the tenant or make owners."
                        confirmLabel="Transfer ownership"
                        tone="primary"
                        onConfirm={() => transfer.mutateAsync({ user_id: member.user_id })}
                        trigger={<Button variant="secondary" size="sm">Make owner</Button>}
                      />
                    )}
                    {mayManage(member) && !isSelf && (
                      <ConfirmDialog
                        title={`Remove ${member.email}?`}
                        description="They lose access to this tenant at once. Their account stays, with any other tenants they belong to."
                        confirmLabel="Remove member"
                        onConfirm={() => remove.mutateAsync({ user_id: member.user_id })}
                        trigger={<Button variant="secondary" size="sm">Remove</Button>}
                      />
                    )}
                    {isSelf && (
                      <ConfirmDialog
                        title="Leave this tenant?"
                        description="You lose access to it at once; an admin can invite you again."
                        confirmLabel="Leave tenant"
                        onConfirm={() => leave.mutateAsync()}
                        trigger={<Button variant="secondary" size="sm">Leave</Button>}
                      />
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}
