import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import type { MessageDto } from "./schemas";
import { toMessageDto } from "./to-message-dto";

export async function getMessage({ db, tenantId, messageId }: { db: Db; tenantId: string; messageId: string }): Promise<MessageDto> {
  const message = await db.message.findFirst({
    where: { id: messageId, tenantId },
    include: { deliveries: { orderBy: { createdAt: "asc" } } },
  });
  if (!message) throw notFound("Message");
  return toMessageDto(message);
}
