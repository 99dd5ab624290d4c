import type { Actor } from "@/server/access/caller";
import type { Db } from "@/server/db/client";

export type ActivityTarget = "tenant" | "endpoint" | "primary_webhook" | "api_key" | "portal_link" | "portal_session";

export type RecordActivityOptions = {
  db: Db;
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
