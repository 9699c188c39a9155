// Public API of @socialvault/vault, for the dev stack, the bench and tests (no production package imports the vault):
// config, startVault, the dev key and database, credential encryption, migrations, the refresher and its sweep.
export { loadVaultConfig } from './config';
export { ephemeralVaultEnv } from './ephemeral-env';
export { startVault } from './server';
export type { RunningVault } from './server';
export { VaultMetrics } from './metrics';
export { ensureDevEncryptionKey } from './dev-key';
export { startDevDatabase } from './dev-defaults';
export { encryptCredentialSecret, decryptCredentialSecret } from './crypto/credential-aad';
export { parseServiceIdentities } from './service-identities';
export { runMigrations } from './db/migrate';
export { CredentialRefresher } from './refresh/credential-refresher';
export { runSweep } from './refresh/sweep';
export { loadRefreshConfig } from './refresh/refresh-config';
