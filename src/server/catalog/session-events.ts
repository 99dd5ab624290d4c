import { z } from "zod";
import { defineEventType } from "./event-type";

// Seed 003: the publisher sends only `data`; Hookline wraps it in the documented envelope.

/** The seed's format is 'YYYY-MM-DDTHH:mm:ss' yet its example ends in "Z": accept both. */
const seedDateTime = z.iso.datetime({ offset: true, local: true });

const integration = z.strictObject({
  key: z.string().min(1).describe("Integration key"),
  id: z.string().min(1).describe("Unique identifier for the integration"),
  reference: z.string().describe("Reference identifier for the integration"),
  name: z.string().min(1).describe("Name of the integration"),
  status: z.string().min(1).describe('Status of the integration (e.g., "success")'),
});

export const sessionSubmitted = defineEventType({
  name: "session.submitted",
  group: "WidgetEvent",
  description: "A widget session was submitted, for example an accident claim with its integrations.",
  wireFormat: { kind: "envelope", apiVersion: "v1", groupType: "WidgetEvent" },
  schema: z.strictObject({
    sessionId: z.string().min(1).describe("Unique identifier for the session"),
    date: seedDateTime.describe("The claim date, for example the time of the accident"),
    integrations: z.array(integration).describe("List of integrations associated with the session"),
    // The seed's property list also shows a top-level `key` (described by copy-paste as the integration
    // list) that its example never sends; it is accepted but not required.
    key: z.string().optional(),
    meta: z
      .record(z.string(), z.unknown())
      .describe("Everything that was sent as a request when creating the session"),
  }),
  example: {
    sessionId: "52nmBydtBQpGYjXGWXu3",
    date: "2023-01-01T12:00:00Z",
    integrations: [
      { key: "brokerDirect", id: "750800", reference: "MIS/708194", name: "Broker Direct", status: "success" },
    ],
    meta: {
      contact: { phone: "123-456-7890", email: "contact@example.com" },
      policy: {
        provider: "ABC Insurance",
        number: "P12345",
        validTo: "2001-01-01",
        validFrom: "2000-01-01",
        vehicle: { licensePlate: "XYZ-123" },
        holder: { phone: "987-654-3210", email: "user@example.com", firstName: "John", lastName: "Doe" },
        linkedContacts: [
          { firstName: "Jane", lastName: "Doe", email: "jane.doe@test.com" },
          { firstName: "Test", lastName: "User", email: "test@test.com" },
        ],
      },
      currentUserId: "test-123",
      privacyPolicyUrl: "https://example.com/privacy-policy",
    },
  },
});
