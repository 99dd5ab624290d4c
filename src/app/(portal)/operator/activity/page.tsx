import { PageHeader } from "@/components/ui/page-header";
import { ActivityLog } from "@/components/portal/activity-log";

export const metadata = { title: "Activity, all tenants" };

export default function OperatorActivityPage() {
  return (
    <div>
      <PageHeader
        title="Activity, all tenants"
        description="Every configuration change in this install — tenants, endpoints, secrets, API keys, portal links, operators opening a tenant — with who made it and when."
      />
      <ActivityLog scope="install" />
    </div>
  );
}
