// What the broker's routes share; built once by startBroker.
import type { Pool } from 'pg';
import type { KeyRing } from '@socialvault/common';
import type { BrokerConfig } from '../config';
import type { ClientRegistry } from '../db/clients';
import type { ProviderHttp } from '../flows/provider-http';
import type { BrokerCsrf } from './csrf';
import type { VaultClient } from './vault-client';

export interface BrokerDeps {
  config: BrokerConfig;
  pool: Pool;
  /** BROKER_ENCRYPTION_KEYS (same as config.keyRing). */
  keyRing: KeyRing;
  clients: ClientRegistry;
  /** Provider calls (token endpoints, identity endpoints, Mastodon instances). */
  providerHttp: ProviderHttp;
  vault: VaultClient;
  csrf: BrokerCsrf;
  /** Secure cookies: BROKER_PUBLIC_URL is https. */
  secureCookies: boolean;
}
