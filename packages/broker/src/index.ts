// Public API of @socialvault/broker: its config and startBroker (the plan and compose tests, in-process stacks).
export { loadBrokerConfig } from './config';
export type { BrokerConfig, ProviderApp, ProviderUrls } from './config';
export { startBroker } from './server';
export type { RunningBroker } from './server';
