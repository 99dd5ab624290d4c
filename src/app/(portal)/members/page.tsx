import { MemberInvitations } from "@/components/portal/member-invitations";
import { PageHeader } from "@/components/ui/page-header";
import { serverTrpc } from "@/trpc/server";
import { MemberList } from "./member-list";

export const dynamic = "force-dynamic";
export const metadata = { title: "Members" };

export default async function MembersPage() {
  const { user, activeTenant } = await (await serverTrpc()).account.me();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Members"
        description={`Who works on ${activeTenant.name}, and what each may do: viewers look, developers run the webhooks, admins also manage API keys and members, owners also the tenant itself.`}
      />
      <MemberList currentUserId={user?.id ?? null} />
      {/* hidden from members who may not invite */}
      <MemberInvitations />
    </div>
  );
}
