import { serverTrpc } from "@/trpc/server";
import { PageHeader } from "@/components/ui/page-header";
import { DashboardView } from "./dashboard-view";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const trpc = await serverTrpc();
  // the first range is rendered with the page, so the dashboard never opens on skeletons
  const [{ activeTenant }, initialStats] = await Promise.all([trpc.account.me(), trpc.dashboard.stats({ range: "24h" })]);
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
      <DashboardView initialStats={initialStats} />
    </div>
  );
}
