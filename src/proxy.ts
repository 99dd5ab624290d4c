import { NextResponse } from "next/server";
import { parseFrameAncestors } from "@/server/env-loader";

/**
 * Who may frame Hookline's pages: only the origins the install names (the product embedding the tenant
 * portal), or nobody. Read per request from the process environment, so one build serves any install.
 */
export function proxy() {
  const origins = parseFrameAncestors(process.env.HOOKLINE_FRAME_ANCESTORS);
  const response = NextResponse.next();
  if (origins.length) {
    response.headers.set("Content-Security-Policy", `frame-ancestors 'self' ${origins.join(" ")}`);
  } else {
    response.headers.set("Content-Security-Policy", "frame-ancestors 'none'");
    // for browsers that predate frame-ancestors
    response.headers.set("X-Frame-Options", "DENY");
  }
  return response;
}

export const config = {
  // pages only: the APIs (seed 004's at the root too) and static assets are never framed, and must not pay for a proxy hop
  matcher: ["/((?!api(?:/|$)|notifications(?:/|$)|events(?:/|$)|_next/|favicon\\.ico$|.*\\.[A-Za-z0-9]+$).*)"],
};
