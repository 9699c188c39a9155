// Public API of @socialvault/vault: config, startVault, the dev key, the refresher, sweep and scheduler, event signatures.
export { loadVaultConfig, loadVaultStorageConfig } from './config';
export type { VaultConfig, VaultStorageConfig } from './config';
export { startVault } from './server';
export type { RunningVault, StartVaultOptions } from './server';
export { VaultMetrics } from './metrics';
export { ensureDevEncryptionKey } from './dev-key';
export type { DevKeyOptions } from './dev-key';
export { startDevDatabase } from './dev-defaults';
// The key ring lives in @socialvault/common; re-exported here for the scripts and tests that build vault rings.
export { KeyRing, parseKeyRing, generateKeyEntry, keyIdOf } from '@socialvault/common';
export type { RingKey } from '@socialvault/common';
export {
  credentialAad,
  encryptCredentialSecret,
  decryptCredentialSecret,
  parseVaultKeyRing,
} from './crypto/credential-aad';
export type { SecretField, CredentialBinding } from './crypto/credential-aad';
export { parseServiceIdentities } from './service-identities';
export type { ServiceIdentity } from './service-identities';
export type { TokenRefresher } from './credentials/token-refresher';
export type { CredentialRecord, CredentialStatus } from './db/credential-repository';
export { runMigrations } from './db/migrate';
export { rotateKeys } from './credentials/rotate-keys';
export type { RotationResult, RotationProgress, RotationOptions } from './credentials/rotate-keys';
export { CredentialRefresher } from './refresh/credential-refresher';
export type { CredentialRefresherOptions } from './refresh/credential-refresher';
export type { RefreshOutcome, RefreshOutcomeKind } from './refresh/refresh-outcomes';
export { runSweep } from './refresh/sweep';
export type { SweepOptions, SweepResult, SweepItem } from './refresh/sweep';
export { startRefreshScheduler } from './refresh/scheduler';
export type { RefreshScheduler } from './refresh/scheduler';
export { loadRefreshConfig, threadsTokenUrlOf } from './refresh/refresh-config';
export type { RefreshConfig, RefreshApps, RefreshEndpoints } from './refresh/refresh-config';
export { planRefresh, REFRESH_WINDOWS_MS } from './refresh/refresh-plan';
export type { RefreshPlan } from './refresh/refresh-plan';
export {
  signEvent,
  verifyEventSignature,
  SIGNATURE_HEADER,
  EVENT_HEADER,
  EVENT_ID_HEADER,
} from './refresh/events';
