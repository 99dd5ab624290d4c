import { Suspense } from "react";
import { InspectorView } from "./inspector-view";

export const metadata = { title: "Inspector" };

export default function InspectorPage() {
  return (
    <Suspense>
      <InspectorView />
    </Suspense>
  );
}
