import { PageHeader } from "@/components/ui/page-header";
import { ActivityLog } from "@/components/portal/activity-log";

export const metadata = { title: "Activity" };

export default function ActivityPage() {
  return (
    <div>
      <PageHeader
        title="Activity"
        description="Every change to this tenant's configuration — endpoints, secrets, API keys, portal access — with who made it and when. Secrets never appear here."
      />
      <ActivityLog scope="tenant" />
    </div>
  );
}
