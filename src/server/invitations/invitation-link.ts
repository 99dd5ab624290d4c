import { env } from "@/server/env";

/** Where an invitation's token is opened: a page of this install's public origin. */
export function invitationLink(token: string): string {
  return `${env().publicUrl}/invitations/${token}`;
}
