import { env } from "@/server/env";
import { scrapeAccess, scrapeMetrics } from "@/server/metrics/scrape-metrics";
import { errorBody, errorJson, noSuchRoute } from "@/server/rest/errors";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";
import { withErrorMapping } from "@/server/rest/with-api-key";

export const dynamic = "force-dynamic";

// GET /api/metrics — this process's Prometheus metrics: `Authorization: Bearer $HOOKLINE_METRICS_TOKEN`; without the variable the route does not exist (404)
export const GET = withErrorMapping(async (request) => {
  const access = scrapeAccess(request.headers.get("authorization"), env().metricsToken);
  if (access === "off") return noSuchRoute(request);
  if (access === "denied") {
    return errorJson(401, errorBody("UNAUTHORIZED", "Send the metrics token as Authorization: Bearer <HOOKLINE_METRICS_TOKEN>"), {
      "WWW-Authenticate": 'Bearer realm="hookline-metrics"',
    });
  }
  const { contentType, body } = await scrapeMetrics();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
});

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET"]);
