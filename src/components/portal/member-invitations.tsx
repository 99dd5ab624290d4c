"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { MailCheck, MailWarning, UserPlus } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ConfirmDialog, Dialog, DialogClose, DialogFormActions } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField, Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { LoadingRows } from "@/components/ui/skeleton";
import {
  createInvitationInput,
  invitableRoles,
  type CreatedInvitationDto,
  type CreateInvitationInput,
  type InvitableRole,
} from "@/server/invitations/schemas";
import { useTRPC } from "@/trpc/client";
import { errorMessage } from "./errors";

/** What each role an invitation gives may do (README § Roles has the full table). */
const roleHelp: Record<InvitableRole, string> = {
  admin: "Everything a developer does, plus API keys and members",
  developer: "Endpoints, test events, retries, and revealing secrets",
  viewer: "Reads everything except secrets; changes nothing",
};

const emailedNote: Record<CreatedInvitationDto["emailed"], string> = {
  sent: "We emailed the link to",
  not_configured: "Email is not configured on this install: copy the link and send it yourself to",
  failed: "The email could not be sent: copy the link and send it yourself to",
};

/** "Invite member": an email and a role, then the single-use link to copy (and whether it was emailed). */
export function InviteMemberDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedInvitationDto>();
  const form = useForm<CreateInvitationInput>({ resolver: zodResolver(createInvitationInput), defaultValues: { email: "", role: "developer" } });
  const inviting = useMutation(
    trpc.invitations.create.mutationOptions({
      onSuccess: async (result) => {
        setCreated(result);
        toast.success(`Invitation ${result.emailed === "sent" ? "sent" : "created"}`);
        await queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setCreated(undefined);
          form.reset();
        }
      }}
      title={created ? "Share the invitation" : "Invite member"}
      description={created ? undefined : "They get a link that works once, for 7 days, and join with the role you choose."}
      trigger={
        <Button>
          <UserPlus className="h-4 w-4" aria-hidden /> Invite member
        </Button>
      }
    >
      {created ? (
        <div className="space-y-4">
          <p className="flex items-start gap-2 text-sm" data-testid="invitation-emailed" data-emailed={created.emailed}>
            {created.emailed === "sent" ? (
              <MailCheck className="mt-0.5 h-4 w-4 shrink-0 text-emerald-600" aria-hidden />
            ) : (
              <MailWarning className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" aria-hidden />
            )}
            <span>
              {emailedNote[created.emailed]} <span className="font-medium">{created.invitation.email}</span>.
            </span>
          </p>
          <div className="flex items-center gap-2">
            <code data-testid="invitation-link" className="min-w-0 flex-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs break-all dark:border-slate-800 dark:bg-slate-950">
              {created.link}
            </code>
            <CopyButton value={created.link} label="Copy link" toastMessage="Invitation link copied" />
          </div>
          <p className="text-xs text-slate-500 dark:text-slate-400">This is the only time the link is shown; revoke the invitation to stop it.</p>
          <div className="flex justify-end">
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </div>
        </div>
      ) : (
        <form onSubmit={form.handleSubmit((values) => inviting.mutate(values))} className="space-y-4" noValidate>
          <FormField label="Email" htmlFor="invite-email" error={form.formState.errors.email?.message}>
            <Input id="invite-email" type="email" autoFocus placeholder="teammate@example.com" invalid={Boolean(form.formState.errors.email)} {...form.register("email")} />
          </FormField>
          <fieldset>
            <legend className="mb-1 text-sm font-medium">Role</legend>
            <div className="space-y-1.5">
              {invitableRoles.map((role) => (
                <label key={role} className="flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm has-checked:border-indigo-500 has-checked:bg-indigo-50/50 dark:border-slate-800 dark:has-checked:bg-indigo-500/10">
                  <input type="radio" value={role} className="mt-0.5 h-4 w-4 accent-indigo-600" {...form.register("role")} />
                  <span>
                    <span className="font-medium capitalize">{role}</span>
                    <span className="block text-xs text-slate-500 dark:text-slate-400">{roleHelp[role]}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <DialogFormActions submitLabel="Send invitation" loading={inviting.isPending} />
        </form>
      )}
    </Dialog>
  );
}

/**
 * The tenant's pending invitations, each revocable, under an "Invite member" button. It shows nothing to a
 * member who may not manage invitations (the server refuses them the list).
 */
export function MemberInvitations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.invitations.list.queryOptions(undefined, { retry: false }));
  const revoking = useMutation(
    trpc.invitations.revoke.mutationOptions({
      onSuccess: async () => {
        toast.success("Invitation revoked", { description: "Its link no longer works." });
        await queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  if (list.error instanceof TRPCClientError && list.error.data?.code === "FORBIDDEN") return null;
  return (
    <Card className="overflow-hidden">
      <CardHeader
        title="Invitations"
        description={
          list.data && !list.data.emailConfigured
            ? "Email is not configured on this install (HOOKLINE_SMTP_URL): copy each invitation's link and send it yourself."
            : "People invited by email who have not joined yet."
        }
        actions={<InviteMemberDialog />}
      />
      {list.isPending ? (
        <LoadingRows rows={2} />
      ) : list.isError ? (
        <EmptyState icon={UserPlus} title="Could not load invitations" description={list.error.message} />
      ) : list.data.invitations.length === 0 ? (
        <EmptyState icon={UserPlus} title="No pending invitations" description="Invite teammates with the role they need." />
      ) : (
        <table className="w-full text-left text-sm" aria-label="Pending invitations">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
            <tr>
              <th className="px-4 py-2.5 font-medium">Email</th>
              <th className="px-4 py-2.5 font-medium">Role</th>
              <th className="px-4 py-2.5 font-medium">Invited by</th>
              <th className="px-4 py-2.5 font-medium">Expires</th>
              <th className="px-4 py-2.5"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {list.data.invitations.map((invitation) => (
              <tr key={invitation.id} data-testid="invitation-row">
                <td className="px-4 py-3 font-medium">{invitation.email}</td>
                <td className="px-4 py-3 capitalize">{invitation.role}</td>
                <td className="px-4 py-3 text-xs text-slate-500">{invitation.invited_by}</td>
                <td className="px-4 py-3 text-xs text-slate-500">
                  {invitation.status === "expired" ? <Badge tone="amber">Expired</Badge> : <RelativeTime date={invitation.expires_at} />}
                </td>
                <td className="px-4 py-3 text-right">
                  <ConfirmDialog
                    title={`Revoke the invitation of ${invitation.email}?`}
                    description="Its link stops working at once. You can invite them again later."
                    confirmLabel="Revoke invitation"
                    onConfirm={() => revoking.mutateAsync({ id: invitation.id })}
                    trigger={<Button variant="secondary" size="sm">Revoke</Button>}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
