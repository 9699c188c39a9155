// Each provider's apps and simulated users, as the authorize endpoint sees them.
import type { SimState } from '../../state';
import type { AppEndpoint } from '../endpoints';
import type { AuthorizeAdapter, ConnectApp } from './endpoint';
import { AUTHORIZE_RULES } from './providers';

function registeredApp(sim: SimState, endpoint: AppEndpoint) {
  return (_realm: string, clientId: string): ConnectApp | undefined => {
    const app = sim.oauth.app(endpoint, clientId);
    return app ? { name: app.name, redirectUris: app.redirectUris } : undefined;
  };
}

const noRealm = () => '';

/** X: apps from `/_sim/oauth/apps`, users from `/_sim/x/users` (`sim_user` = user id). */
export const xAuthorizeAdapter = (sim: SimState): AuthorizeAdapter => ({
  rules: AUTHORIZE_RULES.x,
  realmOf: noRealm,
  app: registeredApp(sim, 'x'),
  users: () =>
    [...sim.x.users.values()].map((u) => ({ ref: u.id, label: `@${u.username} (${u.name}, id ${u.id})` })),
  registerHint: 'register one with POST /_sim/x/users',
});
