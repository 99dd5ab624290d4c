import type { Actor } from "@/server/access/caller";
import type { Db } from "@/server/db/client";

export type ActivityTarget = "tenant" | "endpoint" | "primary_webhook" | "api_key" | "portal_link" | "portal_session" | "member" | "invitation";

export type RecordActivityOptions = {
  /** the client or the transaction the change is made in, so the entry commits with it */
  db: Pick<Db, "activityEntry">;
  /** null for install-level changes (platform keys, a deleted tenant) */
  tenantId: string | null;
  actor: Actor;
  /** `<target>.<verb>`, e.g. endpoint.secret_rotated */
  action: `${ActivityTarget}.${string}`;
  targetId: string | null;
  /** one line for people; never a secret */
  summary: string;
};

/** One entry in the activity log: who changed which configuration, and when. */
export async function recordActivity({ db, tenantId, actor, action, targetId, summary }: RecordActivityOptions): Promise<void> {
  await db.activityEntry.create({
    data: {
      tenantId,
      actorKind: actor.kind,
      actorId: actor.id,
      actorLabel: actor.label,
      action,
      targetType: action.slice(0, action.indexOf(".")),
      targetId,
      summary,
    },
  });
}

/** A URL as the log shows it: origin and path only, since user info and query strings may carry credentials. */
export function loggableUrl(url: string): string {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`;
  } catch {
    return "(invalid URL)";
  }
}
