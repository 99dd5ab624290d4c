import { listEventTypes, toEventTypeDto } from "@/server/catalog";
import { env } from "@/server/env";
import { router, tenantProcedure } from "../init";

export const catalogRouter = router({
  list: tenantProcedure.meta({ access: "tenant:read" }).query(() => listEventTypes().map((eventType) => toEventTypeDto(eventType, { publicUrl: env().publicUrl }))),
});
