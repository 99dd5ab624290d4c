import { NextResponse } from "next/server";
import { parseFrameAncestors, publicUrlFrom } from "@/server/env-loader";

/**
 * What a page may load and run. Scripts and styles need 'unsafe-inline': Next's App Router inlines its
 * bootstrap and flight data in <script> tags, and nonces would force every page to render per request
 * (no static pages, no caching). What the policy still buys is that nothing is fetched, framed, posted
 * or run from another origin; docs/security.md says what it does not.
 */
function contentSecurityPolicy(frameAncestors: string[]): string {
  const development = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // next dev's fast refresh evaluates modules; a production build never does
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length ? `'self' ${frameAncestors.join(" ")}` : "'none'"}`,
  ].join("; ");
}

/**
 * Security headers of every page: the content policy, with who may frame Hookline (only the origins the
 * install names — the product embedding the tenant portal — or nobody), and HSTS once the install is
 * served over https. Read per request from the process environment, so one build serves any install.
 */
export function proxy() {
  const origins = parseFrameAncestors(process.env.HOOKLINE_FRAME_ANCESTORS);
  const response = NextResponse.next();
  response.headers.set("Content-Security-Policy", contentSecurityPolicy(origins));
  // for browsers that predate frame-ancestors
  if (!origins.length) response.headers.set("X-Frame-Options", "DENY");
  // the public URL, not the request: behind a TLS-terminating proxy the app itself is reached over http
  if (publicUrlFrom(process.env).startsWith("https://")) response.headers.set("Strict-Transport-Security", "max-age=31536000");
  return response;
}

export const config = {
  // pages only: the APIs (seed 004's at the root too) and static assets are never framed, and must not pay for a proxy hop
  matcher: ["/((?!api(?:/|$)|notifications(?:/|$)|events(?:/|$)|_next/|favicon\\.ico$|.*\\.[A-Za-z0-9]+$).*)"],
};
