import { z } from "zod";
import { deliveryDto } from "@/server/deliveries/schemas";
import { endpointListDto } from "@/server/endpoints/schemas";
import { tenantDetailDto } from "@/server/tenants/schemas";

/** A tenant the console names: Hookline's id, or the product's external id (as the tenants API takes it). */
export const tenantReferenceInput = z.object({
  tenant: z.string().trim().min(1, "Name a tenant").max(128),
});

export const demoEventTargetSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("endpoint"), endpoint_id: z.uuid("must be an endpoint id") }),
  /** a capture URL made for the demo: an inspector bin and an endpoint pointing at it */
  z.strictObject({ kind: z.literal("new_inspector") }),
]);
export type DemoEventTarget = z.infer<typeof demoEventTargetSchema>;

export const sendDemoEventInput = z.strictObject({
  event_type: z.string().min(1, "Choose an event type").max(100),
  target: demoEventTargetSchema,
});
export type SendDemoEventInput = z.input<typeof sendDemoEventInput>;

export const demoEventDto = z.object({
  delivery_id: z.uuid(),
  message_id: z.uuid(),
  endpoint_id: z.uuid(),
  /** the capture URL made for this demo; null when it went to an existing endpoint */
  capture_url: z.string().nullable(),
});
export type DemoEventDto = z.infer<typeof demoEventDto>;

export const tenantOverviewDto = z.object({
  tenant: tenantDetailDto,
  /** the newest page of its endpoints, with their 24 h figures */
  endpoints: endpointListDto,
  recent_failures: z.array(deliveryDto),
});
export type TenantOverviewDto = z.infer<typeof tenantOverviewDto>;
