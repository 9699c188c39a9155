// Public API of @socialvault/platform-sim: a faithful fake of the platform APIs for tests and the demo.
export { startPlatformSim, createSimApp, simProviderEnv } from './server';
export type { PlatformSim, StartPlatformSimOptions } from './server';
export { SimState } from './state';
export { GRAPH_VERSION } from './graph/router';
export { FAULT_KINDS, SIM_PLATFORMS } from './faults';
export type { Fault, FaultInput, FaultKind, SimPlatform } from './faults';
export type { RecordedRequest, TokenSource } from './request-log';
export { InstagramSimState, InstagramAccountInputSchema } from './graph/instagram/state';
export { MetaUserDirectory, MetaUserInputSchema } from './graph/meta-users';
export type { MetaUserInput, SimMetaUser } from './graph/meta-users';
export type {
  InstagramAccountInput,
  SimInstagramAccount,
  SimContainer,
  SimContainerStatus,
  SimMedia,
} from './graph/instagram/state';
export { SAMPLE_JPEG, SAMPLE_MP4 } from './admin/sample-media';
export { loadSimConfig } from './config';
export type { SimConfig } from './config';
export * from './oauth';
export { LinkedInSimState, LinkedInMemberInputSchema, DEFAULT_LINKEDIN_SCOPES } from './linkedin/state';
export type {
  LinkedInMemberInput,
  SimLinkedInMember,
  SimLinkedInPost,
  SimLinkedInImage,
} from './linkedin/state';
export { LINKEDIN_SIM_PATH } from './linkedin/router';
export { isLiveLinkedInVersion, latestLinkedInVersion, LINKEDIN_LIVE_MONTHS } from './linkedin/versions';
export { MastodonSimState, MASTODON_SIM_PATH } from './mastodon/state';
export {
  SimMastodonInstance,
  MastodonInstanceInputSchema,
  MastodonAccountInputSchema,
  MastodonAppInputSchema,
} from './mastodon/instance';
export type {
  MastodonInstanceInput,
  MastodonAccountInput,
  MastodonAppInput,
  SimMastodonApp,
  SimMastodonAccount,
  SimMastodonStatus,
  SimMastodonMedia,
} from './mastodon/instance';
export { ThreadsSimState, ThreadsAccountInputSchema } from './threads/state';
export type {
  ThreadsAccountInput,
  SimThreadsAccount,
  SimThreadsContainer,
  SimThreadsPost,
} from './threads/state';
export { THREADS_SIM_PATH, THREADS_VERSION } from './threads/router';
export { XSimState, XUserInputSchema, DEFAULT_X_SCOPES } from './x/state';
export type { XUserInput, SimXUser, SimXToken, SimXMedia, SimXPost } from './x/state';
export { X_SIM_PATH } from './x/router';
export { X_ENDPOINTS, DEFAULT_X_LIMITS, DEFAULT_X_WINDOW_S } from './x/rate-limits';
export type { XEndpoint, XRateLimitInput } from './x/rate-limits';
