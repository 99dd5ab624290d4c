import { PageHeader } from "@/components/ui/page-header";
import { CreateTenantDialog } from "./create-tenant-dialog";
import { PlatformDeliveries } from "./platform-deliveries";
import { TenantTable } from "./tenant-table";

export const metadata = { title: "Operator console" };

export default function OperatorConsolePage() {
  return (
    <div className="space-y-6">
      <PageHeader
        title="Operator console"
        description="Every tenant of this install — one per customer of your product — with its delivery health. Open one to step into its portal, hand out a portal link, or demo an event."
        actions={<CreateTenantDialog />}
      />
      <PlatformDeliveries />
      <TenantTable />
    </div>
  );
}
