import { serverTrpc } from "@/trpc/server";
import { PageHeader } from "@/components/ui/page-header";
import { DashboardView } from "./dashboard-view";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const { activeTenant } = await (await serverTrpc()).account.me();
  return (
    <div>
      <PageHeader
        title="Dashboard"
        description={
          <>
            Deliveries of <span className="font-medium text-slate-700 dark:text-slate-200">{activeTenant.name}</span> at a glance.
          </>
        }
      />
      <DashboardView />
    </div>
  );
}
