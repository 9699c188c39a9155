// Public API of @socialvault/broker: config, startBroker, start-link signing (for pnpm start and the demo).
export { loadBrokerConfig } from './config';
export type { BrokerConfig, ProviderApp, ProviderUrls } from './config';
export { startBroker } from './server';
export type { RunningBroker } from './server';
export { signStartLink } from './http/start-links';
export { LOCAL_CLIENT_ID } from './db/clients';
