import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { MessageLog } from "./message-log";

export const metadata = { title: "Messages" };

export default function MessagesPage() {
  return (
    <div>
      <PageHeader title="Messages" description="Every delivery of every published event, across all endpoints, newest first. Expand one to see each attempt." />
      <Suspense>
        <MessageLog />
      </Suspense>
    </div>
  );
}
