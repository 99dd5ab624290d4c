export {
  eventTypeNames,
  findEventType,
  listEventTypes,
  requireEventType,
  UnknownEventTypeError,
  type EventTypeName,
} from "./catalog";
export { eventTypeDtoSchema, eventTypeJsonSchema, toEventTypeDto, type EventTypeDto } from "./dto";
export type { EventTypeDefinition, WireFormat, WireFormatKind } from "./event-type";
export { buildWireBody, messageLinks, type BuildWireBodyOptions } from "./wire-body";
