// Public API of @socialvault/platform-sim, a faithful fake of the platform APIs for tests, the bench and the dev
// stack: start it, point the clients at it, and read back what it was sent.
export { startPlatformSim, simProviderEnv } from './server';
export type { PlatformSim } from './server';
export type { SimPlatform } from './faults';
export type { RecordedRequest } from './request-log';
export { SAMPLE_JPEG, SAMPLE_MP4 } from './admin/sample-media';
export { AUTHORIZE_PATHS } from './oauth/authorize/providers';
export { latestLinkedInVersion } from './linkedin/versions';
