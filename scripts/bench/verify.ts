/**
 * The bench's delivery verdict: every published message in the database, every delivery received by the
 * endpoint it was meant for, and how often. A receiver that got a delivery more than once is "at least
 * once" with the duplicates counted, never "exactly once".
 */

export type DeliveryRecord = { endpointPath: string; status: string; attempts: number };
export type MessageRecord = { id: string; deliveries: DeliveryRecord[] };

export type VerificationInput = {
  /** ids of the messages whose publish was acknowledged */
  published: Iterable<string>;
  publishFailures: Record<string, number>;
  /** the tenant's messages as the database holds them at the end */
  messages: MessageRecord[];
  /** requests the receiver counted, keyed `<message id> <request path>` */
  received: Map<string, number>;
};

export type Verification = {
  publishedAccepted: number;
  publishFailures: Record<string, number>;
  messagesInDatabase: number;
  committedWithoutAcknowledgement: number;
  deliveries: number;
  deliveredExactlyOnce: number;
  duplicateRequests: number;
  duplicatesRecordedAsAttempts: boolean;
  notDelivered: number;
  lostMessages: number;
  unexpectedRequests: number;
  statuses: Record<string, number>;
  /** "exactly once", "at least once, N duplicates", or what went wrong */
  verdict: string;
  /** nothing lost, nothing undelivered or unexpected, every duplicate recorded as an attempt */
  ok: boolean;
};

export function verifyDeliveries({ published, publishFailures, messages, received }: VerificationInput): Verification {
  const publishedIds = new Set(published);
  const v: Verification = {
    publishedAccepted: publishedIds.size,
    publishFailures,
    messagesInDatabase: messages.length,
    committedWithoutAcknowledgement: 0,
    deliveries: 0,
    deliveredExactlyOnce: 0,
    duplicateRequests: 0,
    duplicatesRecordedAsAttempts: true,
    notDelivered: 0,
    lostMessages: 0,
    unexpectedRequests: 0,
    statuses: {},
    verdict: "",
    ok: false,
  };
  const inDb = new Set(messages.map((m) => m.id));
  for (const id of publishedIds) if (!inDb.has(id)) v.lostMessages++;
  const matched = new Set<string>();
  for (const message of messages) {
    if (!publishedIds.has(message.id)) v.committedWithoutAcknowledgement++;
    for (const delivery of message.deliveries) {
      v.deliveries++;
      v.statuses[delivery.status] = (v.statuses[delivery.status] ?? 0) + 1;
      const key = `${message.id} ${delivery.endpointPath}`;
      matched.add(key);
      const count = received.get(key) ?? 0;
      if (count === 0) v.notDelivered++;
      else if (count === 1 && delivery.status === "succeeded" && delivery.attempts === 1) v.deliveredExactlyOnce++;
      if (count > 1) {
        v.duplicateRequests += count - 1;
        if (delivery.attempts !== count) v.duplicatesRecordedAsAttempts = false;
      }
    }
  }
  for (const [key, count] of received) if (!matched.has(key)) v.unexpectedRequests += count;
  const unsettled = v.deliveries - (v.statuses.succeeded ?? 0);
  v.ok = v.lostMessages === 0 && v.notDelivered === 0 && v.unexpectedRequests === 0 && v.duplicatesRecordedAsAttempts && unsettled === 0;
  const problems = [
    v.lostMessages && `${v.lostMessages} acknowledged messages lost`,
    v.notDelivered && `${v.notDelivered} deliveries never received`,
    unsettled && `${unsettled} deliveries not succeeded`,
    v.unexpectedRequests && `${v.unexpectedRequests} unexpected requests`,
    !v.duplicatesRecordedAsAttempts && "duplicates not recorded as attempts",
  ].filter(Boolean);
  v.verdict = problems.length
    ? `FAILED: ${problems.join(", ")}`
    : v.duplicateRequests
      ? `at least once, ${v.duplicateRequests} duplicates`
      : "exactly once";
  return v;
}
