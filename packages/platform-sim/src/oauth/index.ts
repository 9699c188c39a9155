// Public surface of the simulated OAuth token endpoints (re-exported by the package index).
export {
  OAuthSimState,
  OAUTH_ENDPOINTS,
  APP_ENDPOINTS,
  LIFETIME_S,
  PLATFORM_OF_ENDPOINT,
  REVOCATION_ENDPOINTS,
} from './state';
export { OAUTH_PROVIDERS } from './endpoints';
export type { OAuthProvider } from './endpoints';
export type { OAuthCallStep } from './call-log';
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
export { answerConsent, parseConsentForm } from './authorize/consent-client';
export type { ConsentOptions, ConsentOutcome } from './authorize/consent-client';
export { AUTHORIZE_PATHS } from './authorize/providers';
export { CODE_LIFETIME_S } from './codes';
export { CODE_EXCHANGE_PATHS } from './connect-router';
