/**
 * Embedded Inngest executor: runs any Inngest app's functions durably on one machine, without an Inngest
 * server, by speaking the SDK's HTTP protocol to the app's unchanged serve handler. See README.md.
 */
export {
  createExecutor,
  consoleLogger,
  ExecutorNotReadyError,
  type Executor,
  type ExecutorLogger,
  type ExecutorOptions,
  type EventInput,
  type RunFilter,
  type SyncSummary,
} from "./executor";
export { UnsupportedConfigError, type ConfigProblem } from "./function-config";
export {
  EMBEDDED_SIGNING_KEY_PREFIX,
  executorEnvironment,
  generateCredentials,
  readEmbeddedEnvironment,
  type ExecutorCredentials,
  type ExecutorEnvironment,
} from "./signing";
export { httpTransport, inProcessTransport, type FetchHandler, type Transport } from "./transport";
export type { RunDetail, RunSummary, StepSummary, PendingWork } from "./store";
export {
  embeddedExecutorEnvironment,
  startEmbeddedExecutor,
  stopEmbeddedExecutor,
  type EmbeddedExecutorOptions,
} from "./start-embedded";
