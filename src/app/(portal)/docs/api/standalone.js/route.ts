import { scalarAssetVersion, scalarStandaloneScript } from "../scalar-asset";

// GET /docs/api/standalone.js — Scalar's browser bundle, served by the app so the reference page needs no CDN
export async function GET() {
  return new Response(new Uint8Array(scalarStandaloneScript()), {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      // the page asks for ?v=<version>: a new version is a new URL
      "Cache-Control": "public, max-age=31536000, immutable",
      ETag: `"scalar-${scalarAssetVersion()}"`,
    },
  });
}
