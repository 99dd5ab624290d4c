import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { parseMessageFilter } from "./message-filter";

const at = (iso: string) => new Date(iso);

describe("the message filter", () => {
  it.each([
    ["", {}],
    [" ", {}],
    ["eventTypeId.eq('user.created')", { eventTypeId: "user.created" }],
    ["status.eq('failed')", { status: "failed" }],
    ["eventId.eq('44a85f64-5717-4562-b3fc-2c963f66af44')", { eventId: "44a85f64-5717-4562-b3fc-2c963f66af44" }],
    [" eventTypeId.eq( 'consent.revoked' ) , status.eq('succeeded') ", { eventTypeId: "consent.revoked", status: "succeeded" }],
    // a date is its whole UTC day
    ["createdDate.gteq('2025-03-01')", { createdDate: { gte: at("2025-03-01T00:00:00Z") } }],
    ["createdDate.gt('2025-03-01')", { createdDate: { gte: at("2025-03-02T00:00:00Z") } }],
    ["createdDate.lt('2025-03-01')", { createdDate: { lt: at("2025-03-01T00:00:00Z") } }],
    ["createdDate.lteq('2025-03-01')", { createdDate: { lt: at("2025-03-02T00:00:00Z") } }],
    ["createdDate.bt('2025-03-01','2025-03-31')", { createdDate: { gte: at("2025-03-01T00:00:00Z"), lt: at("2025-04-01T00:00:00Z") } }],
    // a date-time is its millisecond
    ["createdDate.gt('2025-03-01T10:00:00+02:00')", { createdDate: { gte: at("2025-03-01T08:00:00.001Z") } }],
    ["createdDate.lteq('2025-03-01T10:00:00.250Z')", { createdDate: { lt: at("2025-03-01T10:00:00.251Z") } }],
    ["createdDate.gteq('2025-03-01'),createdDate.lt('2025-03-08')", { createdDate: { gte: at("2025-03-01T00:00:00Z"), lt: at("2025-03-08T00:00:00Z") } }],
  ])("reads %j", (text, expected) => {
    expect(parseMessageFilter(text)).toEqual(expected);
  });

  it.each([
    ["eventTypeId='user.created'", /expected field\.operator\('value'\) at character 1/],
    ["status.eq('failed'),", /ends with a comma/],
    ["status.eq('failed') status.eq('failed')", /at character 1/],
    ["status.eq(failed)", /at character 1/],
    ["priority.eq('high')", /unknown field "priority"/],
    ["status.eq('lost')", /status is one of pending, delivering, succeeded, failed, cancelled/],
    ["status.eq('failed'),status.eq('pending')", /status is filtered twice/],
    ["status.gt('failed')", /status supports eq/],
    ["eventTypeId.eq('user.deleted')", /unknown event type "user.deleted"/],
    ["eventId.eq('42')", /eventId is a message id/],
    ["createdDate.eq('2025-03-01')", /createdDate supports gt, gteq, lt, lteq, bt/],
    ["createdDate.bt('2025-03-01')", /takes two values/],
    ["createdDate.gt('2025-03-01','2025-03-02')", /takes one value/],
    ["createdDate.gt('2025-02-30')", /"2025-02-30" is not a date/],
    ["createdDate.gt('yesterday')", /"yesterday" is not a date/],
    ["createdDate.gt('2025-03-01T10:00:00')", /with an offset/],
    ["createdDate.gteq('2025-03-01'),createdDate.bt('2025-03-02','2025-03-03')", /two lower bounds/],
  ])("refuses %j with a 422 on filter that says why", (text, reason) => {
    let thrown: unknown;
    try {
      parseMessageFilter(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: "UNPROCESSABLE", details: { issues: [{ path: "filter", message: expect.stringMatching(reason) }] } });
  });
});
