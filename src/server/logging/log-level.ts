import { z } from "zod";

/** HOOKLINE_LOG_LEVEL: pino's levels, lowest volume first after `silent`. */
export const logLevelSchema = z.enum(["silent", "fatal", "error", "warn", "info", "debug", "trace"]);
export type LogLevel = z.infer<typeof logLevelSchema>;

export const DEFAULT_LOG_LEVEL: LogLevel = "info";
