export {
  eventTypeNames,
  findEventType,
  isOperationalEventType,
  listEventTypes,
  listOperationalEventTypes,
  operationalEventTypeNames,
  requireEventType,
  UnknownEventTypeError,
  type EventTypeName,
  type OperationalEventTypeName,
} from "./catalog";
export { eventTypeDtoSchema, eventTypeJsonSchema, toEventTypeDto, type EventTypeDto } from "./dto";
export type { EventTypeDefinition, WireFormat, WireFormatKind } from "./event-type";
export { buildWireBody, messageLinks, type BuildWireBodyOptions } from "./wire-body";
