import { ApiReference } from "@scalar/nextjs-api-reference";
import { scalarAssetVersion } from "./scalar-asset";

// The reference page works offline: Scalar's script is served by the app itself, and its fonts, AI
// agent, toolbar, developer tools and telemetry (which call out to scalar.com and CDNs) are off.

// These options are newer than the types bundled with the Next adapter (@scalar/types 0.5); the browser
// bundle (@scalar/api-reference 1.46) reads them from the configuration all the same.
const newerOptions = { agent: { disabled: true }, showToolbar: "never", showDeveloperTools: "never" } as const;

const page = ApiReference({
  ...newerOptions,
  url: "/api/v2/openapi.json",
  cdn: `/docs/api/standalone.js?v=${scalarAssetVersion()}`,
  pageTitle: "Hookline API reference",
  favicon: "/favicon.svg",
  withDefaultFonts: false,
  telemetry: false,
  defaultOpenAllTags: true,
});

// GET /docs/api — the rendered API reference of /api/v2 (Scalar, public like the OpenAPI document)
export async function GET() {
  return page();
}
