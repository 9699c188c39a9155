// Public surface of the simulated OAuth token endpoints (re-exported by the package index).
export {
  OAuthSimState,
  OAUTH_ENDPOINTS,
  APP_ENDPOINTS,
  LIFETIME_S,
  PLATFORM_OF_ENDPOINT,
  REVOCATION_ENDPOINTS,
} from './state';
export type {
  AccessTokenRotatedListener,
  AppEndpoint,
  LoggedEndpoint,
  OAuthAppInput,
  OAuthEndpoint,
  OAuthEndpointStats,
  OAuthGrantInput,
  RecordedTokenCall,
  RotatedPlatform,
  SimOAuthApp,
  SimOAuthGrant,
} from './state';
export { OAUTH_FAULT_KINDS } from './faults';
export type { OAuthFault, OAuthFaultInput, OAuthFaultKind } from './faults';
export { OAUTH_PATHS, LINKEDIN_OAUTH_PREFIX, oauthRouter } from './router';
export { oauthAdminRouter } from './admin';
export { REVOCATION_PATHS } from './revoke-endpoints';
