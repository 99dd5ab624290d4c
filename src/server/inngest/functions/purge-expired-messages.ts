import type { Inngest } from "inngest";
import type { Db } from "@/server/db/client";
import { purgeExpiredMessages } from "@/server/messages/purge-expired-messages";

/** Nightly: deliveries' history is kept `retentionDays`, then removed (bodies and headers included). */
export function createPurgeExpiredMessages(inngest: Inngest, deps: { getDb: () => Promise<Db>; retentionDays: () => number }) {
  return inngest.createFunction(
    { id: "purge-expired-messages", name: "Purge expired messages", retries: 3, triggers: [{ cron: "17 3 * * *" }] },
    async ({ step }) =>
      step.run("purge", async () => purgeExpiredMessages({ db: await deps.getDb(), retentionDays: deps.retentionDays() })),
  );
}
