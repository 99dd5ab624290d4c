import { portalNoticeResponse } from "../portal-notice";

// GET /portal/ended — where the portal sends a browser whose portal session ran out (it has no sign-in to fall back to)
export function GET() {
  return portalNoticeResponse("ended");
}
