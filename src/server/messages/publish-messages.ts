import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { resolveTenantReference } from "@/server/tenants/resolve-tenant-reference";
import type { ValidationIssue } from "@/server/endpoints/validation";
import { publishMessagesInput, type BatchMessageInput, type PublishedMessagesDto, type PublishMessagesInput } from "./schemas";
import { validateEventPayload } from "./validate-event-payload";
import { publishValidatedMessages, type ValidatedMessage } from "./publish-validated-messages";
import { fanOutExceeded } from "./write-published-messages";

/**
 * Who publishes a batch: a tenant key for its own tenant; a platform key for the tenant each message names
 * in `tenant_id`, or else `tenantId` (the one its request named, if any).
 */
export type BatchPublisher = { platform: false; tenantId: string } | { platform: true; tenantId: string | undefined };

/**
 * Publishes up to 1,000 messages at once, all or none. Every message is checked first, as a single publish
 * checks it (the same schemas and catalog validation); if any fails, the 422 lists each problem by its
 * path (`messages.3.payload.amount`) and nothing is written. Then they are committed together, with their
 * deliveries, in one statement (write-published-messages.ts). Each idempotency key is honoured on its own:
 * a key used before, in an earlier publish or earlier in this batch, gives that first result back.
 */
export async function publishMessages({ db, publisher, input }: {
  db: Db; publisher: BatchPublisher; input: PublishMessagesInput;
}): Promise<PublishedMessagesDto> {
  const { messages } = publishMessagesInput.parse(input);
  const issues: ValidationIssue[] = [];
  const tenantIds = await tenantsOf(db, publisher, messages, issues);
  const validated: ValidatedMessage[] = [];
  for (const [index, message] of messages.entries()) {
    try {
      const { eventType, payload } = validateEventPayload(message.event_type, message.payload);
      validated.push({
        tenantId: tenantIds[index]!,
        eventType: eventType.name,
        payload,
        idempotencyKey: message.idempotency_key ?? null,
        orderingKey: message.ordering_key ?? null,
      });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "UNPROCESSABLE")) throw error;
      issues.push(...issuesAt(`messages.${index}`, error));
    }
  }
  if (issues.length) {
    issues.sort((a, b) => indexOf(a.path) - indexOf(b.path));
    throw new AppError("UNPROCESSABLE", `Invalid input: ${issues[0]!.path}: ${issues[0]!.message}; nothing was published`, { issues });
  }

  const published = await publishValidatedMessages(db, validated);
  if ("reusedKey" in published) {
    const { index, messageId } = published.reusedKey;
    throw new AppError(
      "CONFLICT",
      `messages.${index}.idempotency_key was already used ${messageId ? "" : "earlier in this batch "}with a different event type or payload; nothing was published`,
      { index, message_id: messageId },
    );
  }
  if ("fanOut" in published) {
    const { index, eventType, subscribed } = published.fanOut;
    const refusal = fanOutExceeded(eventType, subscribed);
    throw new AppError(refusal.code, `messages.${index}: ${refusal.message}`, { ...(refusal.details as object), index });
  }
  return {
    data: published.results.map((result) => result.message),
    replayed: published.results.flatMap((result, index) => (result.replayed ? [index] : [])),
  };
}

const indexOf = (path: string) => Number(path.split(".")[1]);

/** The tenant of each message; a message naming a tenant it may not is an issue at its `tenant_id`. */
async function tenantsOf(db: Db, publisher: BatchPublisher, messages: BatchMessageInput[], issues: ValidationIssue[]): Promise<(string | undefined)[]> {
  if (!publisher.platform) {
    return messages.map((message, index) => {
      if (message.tenant_id !== undefined) {
        issues.push({ path: `messages.${index}.tenant_id`, message: "is for platform keys; a tenant key publishes for its own tenant only, so leave it out" });
      }
      return publisher.tenantId;
    });
  }
  const references = new Set(messages.flatMap((message) => (message.tenant_id === undefined ? [] : [message.tenant_id])));
  const resolved = new Map<string, string | undefined>();
  await Promise.all(
    [...references].map(async (reference) => {
      try {
        resolved.set(reference, (await resolveTenantReference({ db, reference })).id);
      } catch (error) {
        if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
        resolved.set(reference, undefined);
      }
    }),
  );
  return messages.map((message, index) => {
    if (message.tenant_id === undefined) {
      if (publisher.tenantId === undefined) {
        issues.push({ path: `messages.${index}.tenant_id`, message: "is required with a platform key, unless the Hookline-Tenant header names the tenant" });
      }
      return publisher.tenantId;
    }
    const tenantId = resolved.get(message.tenant_id);
    if (tenantId === undefined) issues.push({ path: `messages.${index}.tenant_id`, message: "names no tenant (give its id or external id)" });
    return tenantId;
  });
}

/** A single publish's validation error, as issues under the message's path. */
function issuesAt(prefix: string, error: AppError): ValidationIssue[] {
  const details = error.details as { issues?: ValidationIssue[]; field?: string } | undefined;
  if (details?.issues) return details.issues.map((issue) => ({ path: `${prefix}.${issue.path}`, message: issue.message }));
  return [{ path: `${prefix}.${details?.field ?? "payload"}`, message: error.message }];
}
