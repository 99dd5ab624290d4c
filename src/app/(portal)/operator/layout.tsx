import type { ReactNode } from "react";
import Link from "next/link";
import { ShieldAlert } from "lucide-react";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { isOperator } from "@/server/operators/is-operator";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { OperatorTabs } from "./operator-tabs";

export const dynamic = "force-dynamic";

/**
 * The console is for operators only: anyone else gets a page that says so, and its pages (which load
 * their data in the browser) never run. The check is operatorProcedure's: the signed-in user, whether or
 * not they have stepped into a tenant's portal.
 */
export default async function OperatorLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  const allowed = user !== null && (await isOperator({ db: await getDb(), userId: user.id, operatorEmails: env().operatorEmails }));
  if (!allowed) {
    return (
      <Card>
        <EmptyState
          icon={ShieldAlert}
          title="Operators only"
          description="The operator console is for the product team that runs this Hookline install. An operator can make you one with npm run operator -- --email <your email>."
          action={
            <Button asChild variant="secondary">
              <Link href="/dashboard">Back to the dashboard</Link>
            </Button>
          }
        />
      </Card>
    );
  }
  return (
    <div>
      <OperatorTabs />
      {children}
    </div>
  );
}
