import { env } from "@/server/env";
import type { DeliveryRuntime } from "./attempt-delivery";

const DAY_MS = 24 * 60 * 60 * 1000;

export function deliveryRuntime(): DeliveryRuntime {
  const { encryptionKey, publicUrl, allowPrivateNetworks, autoDisableAfterDays, failingAfterFailures, retryAfterMaxSeconds } = env();
  return { encryptionKey, publicUrl, allowPrivateNetworks, autoDisableAfterMs: autoDisableAfterDays * DAY_MS, failingAfterFailures, retryAfterMaxSeconds };
}
