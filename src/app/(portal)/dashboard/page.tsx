import { serverTrpc } from "@/trpc/server";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const { activeTenant } = await (await serverTrpc()).account.me();
  return (
    <div>
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
        Deliveries of <span className="font-medium text-slate-700 dark:text-slate-200">{activeTenant.name}</span> at a glance.
      </p>
    </div>
  );
}
