import type { Invitation } from "@/generated/prisma/client";
import { invitationDto, type InvitationDto } from "./schemas";

export function toInvitationDto(row: Invitation, now = new Date()): InvitationDto {
  return invitationDto.parse({
    id: row.id,
    email: row.email,
    role: row.role,
    status: row.expiresAt > now ? "pending" : "expired",
    invited_by: row.invitedByLabel,
    expires_at: row.expiresAt,
    created_at: row.createdAt,
  });
}
