import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  buildWireBody,
  eventTypeDtoSchema,
  eventTypeJsonSchema,
  eventTypeNames,
  findEventType,
  listEventTypes,
  listOperationalEventTypes,
  requireEventType,
  toEventTypeDto,
  UnknownEventTypeError,
} from "@/server/catalog";

// Bodies copied from the seeds' documented examples (seed 003's `// …` comment line removed).
const seed000RiskAssessment = `{
"Type": "RiskAssessmentCalculated",
"RiskAssessmentId": "12345",
"SubmissionId": "67890",
"Risk": "Low",
"ClientRating": "Retail"
}`;
const seed000ProfileStatus = `{
"Type": "ProfileStatusUpdated",
"RiskAssessmentId": "1bf4f6ad-807d-45e4-8e8b-613e51203618",
"SubmissionId": "9dc1b390-4a35-4310-a85a-25e6bd7cd3f6",
"Status": "Approved",
"ApprovedBy": {
"Id": "8392d3fb-ad15-43ca-8b9e-a7cbcf411067",
"Name": "Noelani Alfreda Boone William",
"Email": "tazixog@yopmail.com",
"Roles": [
"MLRO"
]
}
}`;
const seed003FullPayload = `{
"created_at": "2023-01-01T12:00:00Z",
"api_version": "v1",
"group_type": "WidgetEvent",
"event_type": "session.submitted",
"data": {
"sessionId": "52nmBydtBQpGYjXGWXu3",
"date": "2023-01-01T12:00:00Z",
"integrations": [
{
"key": "brokerDirect",
"id": "750800",
"reference": "MIS/708194",
"name": "Broker Direct",
"status": "success"
}
],
"meta": {
"contact": {
"phone": "123-456-7890",
"email": "contact@example.com"
},
"policy": {
"provider": "ABC Insurance",
"number": "P12345",
"validTo": "2001-01-01",
"validFrom": "2000-01-01",
"vehicle": {
"licensePlate": "XYZ-123"
},
"holder": {
"phone": "987-654-3210",
"email": "user@example.com",
"firstName": "John",
"lastName": "Doe"
},
"linkedContacts": [
{
"firstName": "Jane",
"lastName": "Doe",
"email": "jane.doe@test.com"
},
{
"firstName": "Test",
"lastName": "User",
"email": "test@test.com"
}
]
},
"currentUserId": "test-123",
"privacyPolicyUrl": "https://example.com/privacy-policy"
}
}
}`;

/** Same text as the seed, key order included, without its whitespace. */
const compact = (json: string) => JSON.stringify(JSON.parse(json));

const messageId = "0b7e8c5a-3f0e-4b8e-9a51-6d2d1c9f7e10";
const createdAt = new Date("2025-03-02T09:20:03.417Z");
const publicUrl = "https://hookline.example.com";

describe("event type catalog", () => {
  it("holds every event named in the seeds, once each", () => {
    expect(eventTypeNames).toEqual([
      "RiskAssessmentCalculated",
      "ProfileStatusUpdated",
      "profile_create",
      "profile_update",
      "profile_status_change",
      "profile_level_update",
      "document_upload",
      "document_delete",
      "document_update",
      "document_status_change",
      "zip_file_create",
      "video_call_status_change",
      "session.submitted",
      "user.created",
      "consent.created",
      "consent.updated",
      "consent.revoked",
    ]);
    expect(listEventTypes().map((eventType) => eventType.name)).toEqual(eventTypeNames);
  });

  it.each([...listEventTypes(), ...listOperationalEventTypes()].map((eventType) => [eventType.name, eventType] as const))(
    "%s: the example satisfies the schema and has a JSON Schema",
    (_name, eventType) => {
      expect(eventType.schema.safeParse(eventType.example).error).toBeUndefined();
      expect(eventType.description.length).toBeGreaterThan(0);
      expect(eventType.group.length).toBeGreaterThan(0);
      const jsonSchema = eventTypeJsonSchema(eventType);
      expect(jsonSchema).toMatchObject({ type: "object" });
      expect(() => JSON.stringify(jsonSchema)).not.toThrow();
    },
  );

  it("keeps Hookline's operational events out of what publishers send, but knows them for stored messages", () => {
    expect(listOperationalEventTypes().map((eventType) => eventType.name)).toEqual(["endpoint.disabled", "endpoint.failing", "endpoint.recovered", "message.attempt.exhausted"]);
    expect(findEventType("endpoint.failing")).toBeUndefined();
    expect(eventTypeNames).not.toContain("endpoint.failing");
    expect(JSON.parse(buildWireBody({ eventType: "endpoint.failing", payload: requireEventType("endpoint.failing").example, messageId: "m", createdAt: new Date("2026-12-01T09:00:00Z"), publicUrl: "http://h" }))).toMatchObject({
      group_type: "operational",
      event_type: "endpoint.failing",
      data: { consecutive_failures: 5 },
    });
  });

  it("finds event types by exact name only", () => {
    expect(findEventType("session.submitted")?.group).toBe("WidgetEvent");
    expect(findEventType("Session.Submitted")).toBeUndefined();
    expect(() => requireEventType("order.shipped")).toThrow(UnknownEventTypeError);
  });

  it("uses seed 000's enums and rejects what the seed does not allow", () => {
    const eventType = requireEventType("RiskAssessmentCalculated");
    const valid = JSON.parse(seed000RiskAssessment);
    expect(eventType.schema.safeParse({ ...valid, ClientRating: "N/A", Risk: "High" }).success).toBe(true);
    expect(eventType.schema.safeParse({ ...valid, Risk: "Severe" }).success).toBe(false);
    expect(eventType.schema.safeParse({ ...valid, ClientRating: "Institutional" }).success).toBe(false);
    expect(eventType.schema.safeParse({ ...valid, Type: "ProfileStatusUpdated" }).success).toBe(false);
    expect(eventType.schema.safeParse({ ...valid, Extra: 1 }).success).toBe(false);
    const { SubmissionId: _omitted, ...missingSubmission } = valid;
    expect(eventType.schema.safeParse(missingSubmission).success).toBe(false);
  });

  it("describes seed 000's Type as optional to publishers and closed to unknown fields", () => {
    const jsonSchema = eventTypeJsonSchema(requireEventType("RiskAssessmentCalculated"));
    expect(jsonSchema.required).toEqual(["RiskAssessmentId", "SubmissionId", "Risk", "ClientRating"]);
    expect(jsonSchema.additionalProperties).toBe(false);
    expect(jsonSchema.properties).toMatchObject({ Risk: { enum: ["Low", "Medium", "High"] } });
  });

  it("accepts seed 003's documented local date format as well as its example's", () => {
    const eventType = requireEventType("session.submitted");
    const example = eventType.example as Record<string, unknown>;
    expect(eventType.schema.safeParse({ ...example, date: "2023-01-01T12:00:00" }).success).toBe(true);
    expect(eventType.schema.safeParse({ ...example, date: "yesterday" }).success).toBe(false);
  });
});

describe("buildWireBody", () => {
  it("sends seed 000 bodies exactly as documented", () => {
    for (const [name, seedBody] of [
      ["RiskAssessmentCalculated", seed000RiskAssessment],
      ["ProfileStatusUpdated", seed000ProfileStatus],
    ] as const) {
      const eventType = requireEventType(name);
      expect(eventType.example).toEqual(JSON.parse(seedBody));
      const body = buildWireBody({ eventType, payload: eventType.example, messageId, createdAt, publicUrl });
      expect(body).toBe(compact(seedBody));
    }
  });

  it("puts seed 000's Type first when the publisher leaves it out", () => {
    const body = buildWireBody({
      eventType: "RiskAssessmentCalculated",
      payload: { RiskAssessmentId: "1", SubmissionId: "2", Risk: "Medium", ClientRating: "Professional" },
      messageId,
      createdAt,
      publicUrl,
    });
    expect(body).toBe(
      '{"Type":"RiskAssessmentCalculated","RiskAssessmentId":"1","SubmissionId":"2","Risk":"Medium","ClientRating":"Professional"}',
    );
  });

  it("wraps seed 003 data in its envelope, reproducing the seed's full payload", () => {
    const eventType = requireEventType("session.submitted");
    const body = buildWireBody({
      eventType,
      payload: eventType.example,
      messageId,
      createdAt: new Date("2023-01-01T12:00:00.000Z"),
      publicUrl,
    });
    expect(body).toBe(compact(seed003FullPayload));
  });

  it("sends seed 004 references whose links point back at Hookline", () => {
    const body = JSON.parse(
      buildWireBody({
        eventType: "user.created",
        payload: requireEventType("user.created").example,
        messageId,
        createdAt,
        publicUrl: `${publicUrl}/`,
      }),
    );
    expect(body).toEqual({
      eventTypeId: "user.created",
      eventId: messageId,
      links: {
        event: `${publicUrl}/events/${messageId}`,
        eventEntity: `${publicUrl}/api/v2/messages/${messageId}/payload`,
      },
    });
    expect(Object.keys(body)).toEqual(["eventTypeId", "eventId", "links"]);
  });

  it("gives seed 002 events their name, the stable message id and the profile with the details", () => {
    const eventType = requireEventType("document_status_change");
    const body = buildWireBody({ eventType, payload: eventType.example, messageId, createdAt, publicUrl });
    const parsed = JSON.parse(body);
    expect(Object.keys(parsed)).toEqual(["event_type", "event_id", "created_at", "profile", "details"]);
    expect(parsed).toMatchObject({
      event_type: "document_status_change",
      event_id: messageId,
      created_at: "2025-03-02T09:20:03Z",
      details: { previous_status: "processing", status: "rejected" },
    });
    // every attempt of one message sends the same bytes
    expect(buildWireBody({ eventType, payload: eventType.example, messageId, createdAt, publicUrl })).toBe(body);
  });

  it("refuses an unknown event type and a payload that is not an object", () => {
    expect(() => buildWireBody({ eventType: "nope", payload: {}, messageId, createdAt, publicUrl })).toThrow(
      UnknownEventTypeError,
    );
    expect(() => buildWireBody({ eventType: "profile_create", payload: [], messageId, createdAt, publicUrl })).toThrow(
      TypeError,
    );
  });
});

describe("event type DTO", () => {
  it("lists every event type in a shape its schema accepts, with the example as it arrives", () => {
    const dtos = listEventTypes().map((eventType) => toEventTypeDto(eventType, { publicUrl }));
    expect(z.array(eventTypeDtoSchema).parse(dtos)).toHaveLength(eventTypeNames.length);
    const session = dtos.find((dto) => dto.name === "session.submitted");
    expect(session).toMatchObject({ group: "WidgetEvent", wireFormat: "envelope" });
    expect(session?.wireExample).toEqual(JSON.parse(seed003FullPayload));
    const user = dtos.find((dto) => dto.name === "user.created");
    expect(user?.wireExample).toMatchObject({ eventId: "44a85f64-5717-4562-b3fc-2c963f66af44" });
  });
});
