/**
 * Headers on every response Hookline serves, APIs included: next.config.mjs gives them to what Next.js
 * serves, the web server (src/server/web) to the routes it answers itself. The page-only ones (CSP, HSTS)
 * are set per request in src/proxy.ts.
 * @type {ReadonlyArray<{ key: string; value: string }>}
 */
export const everyResponseHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];
